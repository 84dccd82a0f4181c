package dev.switchboard.triggers.policy;

import dev.switchboard.triggers.model.BackoffPolicy;
import java.time.Duration;

/**
 * A backoff curve without jitter: the nominal n-th wait, saturated at a cap so that large {@code n} never
 * overflows (docs/routing-semantics.md "Delivery policy", Knative {@code delivery.backoffPolicy}).
 */
public sealed interface Backoff permits ExponentialBackoff, LinearBackoff {

    /**
     * The nominal wait before retry {@code n}, never above {@code cap}.
     *
     * @param n 1 for the wait after the first attempt, 2 after the second, and so on
     */
    Duration nominal(int n, Duration cap);

    /** The curve named by a trigger's {@code backoffPolicy}. */
    static Backoff of(BackoffPolicy policy, Duration delay) {
        return switch (policy) {
            case EXPONENTIAL -> new ExponentialBackoff(delay);
            case LINEAR -> new LinearBackoff(delay);
        };
    }

    /** Nanoseconds of a non-negative duration, saturated at {@link Long#MAX_VALUE} (about 292 years). */
    static long saturatedNanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }
}
