package dev.switchboard.loadtest.receive;

import java.time.Duration;

/**
 * How the receiver answers: after {@code delay} (0 = at once), and with 503 for a share of requests in
 * {@code [0, 1]}, spread evenly (request {@code n} fails when {@code floor((n + 1) × share)} exceeds
 * {@code floor(n × share)}), so that a retry of a failed request usually succeeds — 503 is retried by
 * Switchboard (docs/delivery.md).
 */
public record ReceiverBehaviour(Duration delay, double failShare) {
    public static final ReceiverBehaviour PROMPT = new ReceiverBehaviour(Duration.ZERO, 0);

    public ReceiverBehaviour {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (!(failShare >= 0 && failShare <= 1)) {
            throw new IllegalArgumentException("fail share must be between 0 and 1: " + failShare);
        }
    }

    /** Whether request {@code n} (from 0, in arrival order) is to be answered 503. */
    public boolean fails(long n) {
        return Math.floor((n + 1) * failShare) > Math.floor(n * failShare);
    }
}
