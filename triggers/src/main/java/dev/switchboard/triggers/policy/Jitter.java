package dev.switchboard.triggers.policy;

import java.util.random.RandomGenerator;

/**
 * The random factor in [0.8, 1.2] every backoff wait is multiplied by (docs/routing-semantics.md "Delivery policy"), so that
 * subscribers recovering from an outage are not hit by synchronised retries.
 */
@FunctionalInterface
public interface Jitter {

    double MIN_FACTOR = 0.8;
    double MAX_FACTOR = 1.2;

    /** The next factor, in [{@link #MIN_FACTOR}, {@link #MAX_FACTOR}]. */
    double factor();

    /** Factors drawn uniformly from {@code random}; inject a seeded or fixed generator in tests. */
    static Jitter from(RandomGenerator random) {
        return () -> MIN_FACTOR + (MAX_FACTOR - MIN_FACTOR) * random.nextDouble();
    }

    /** Always {@code factor}; for tests and for callers that want no jitter (1.0). */
    static Jitter fixed(double factor) {
        if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("jitter factor must be in [0.8, 1.2]: " + factor);
        }
        return () -> factor;
    }
}
