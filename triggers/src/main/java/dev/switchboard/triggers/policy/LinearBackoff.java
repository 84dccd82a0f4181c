package dev.switchboard.triggers.policy;

import java.time.Duration;

/** {@code linear}: the n-th wait is {@code delay × n}, capped. */
public record LinearBackoff(Duration delay) implements Backoff {

    @Override
    public Duration nominal(int n, Duration cap) {
        if (n < 1) {
            throw new IllegalArgumentException("n starts at 1: " + n);
        }
        long capNanos = Backoff.saturatedNanos(cap);
        long delayNanos = Math.min(Backoff.saturatedNanos(delay), capNanos);
        if (delayNanos > capNanos / n) {
            return Duration.ofNanos(capNanos);
        }
        return Duration.ofNanos(delayNanos * n);
    }
}
