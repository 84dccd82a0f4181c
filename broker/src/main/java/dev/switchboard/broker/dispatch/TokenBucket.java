package dev.switchboard.broker.dispatch;

import java.util.function.LongSupplier;

/**
 * {@code switchboard.dev/rate-limit} (docs/delivery.md "Per-subscriber limits"): a token bucket refilled continuously
 * at {@code rate} tokens per second, holding at most a tenth of a second's worth (at least one), so a trigger
 * starts deliveries at most {@code rate} times per second with only a small burst. Time is injected (nanos,
 * like {@link System#nanoTime()}); waiting is the caller's timer, never a sleep. Not thread-safe: one
 * trigger's deliveries are started from one Vert.x context.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + ratePerSecond);
        }
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = Math.max(1d, ratePerSecond / 10d);
        this.nanoTime = nanoTime;
        this.tokens = 1d;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes one token and answers 0, or takes none and answers the nanoseconds until one is available. */
    long tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens >= 1d) {
            tokens -= 1d;
            return 0;
        }
        return Math.max(1L, (long) Math.ceil((1d - tokens) / tokensPerNano));
    }
}
