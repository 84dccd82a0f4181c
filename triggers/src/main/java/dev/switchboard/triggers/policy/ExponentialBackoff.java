package dev.switchboard.triggers.policy;

import java.time.Duration;

/** {@code exponential}: the n-th wait is {@code delay × 2^(n-1)}, capped. */
public record ExponentialBackoff(Duration delay) implements Backoff {

    @Override
    public Duration nominal(int n, Duration cap) {
        if (n < 1) {
            throw new IllegalArgumentException("n starts at 1: " + n);
        }
        long capNanos = Backoff.saturatedNanos(cap);
        long delayNanos = Math.min(Backoff.saturatedNanos(delay), capNanos);
        int shift = n - 1;
        if (delayNanos == 0) {
            return Duration.ZERO;
        }
        if (shift >= Long.SIZE - 1 || delayNanos > (capNanos >> shift)) {
            return Duration.ofNanos(capNanos);
        }
        return Duration.ofNanos(delayNanos << shift);
    }
}
