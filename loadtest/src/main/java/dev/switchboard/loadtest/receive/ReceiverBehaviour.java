package dev.switchboard.loadtest.receive;

import java.time.Duration;
import java.util.List;

/**
 * How the receiver answers: after {@code delay} (0 = at once), and with 503 for a share of requests in
 * {@code [0, 1]}, spread evenly (request {@code n} fails when {@code floor((n + 1) × share)} exceeds
 * {@code floor(n × share)}), so that a retry of a failed request usually succeeds — 503 is retried by
 * Switchboard (docs/delivery.md). The n-th failed request is answered {@code failStatuses[n mod size]}; a 429
 * or 503 carries {@code Retry-After: retryAfterSeconds} when that is positive.
 */
public record ReceiverBehaviour(Duration delay, double failShare, List<Integer> failStatuses, int retryAfterSeconds) {
    public static final ReceiverBehaviour PROMPT = new ReceiverBehaviour(Duration.ZERO, 0);

    /** Failed requests answered 503 without {@code Retry-After}. */
    public ReceiverBehaviour(Duration delay, double failShare) {
        this(delay, failShare, List.of(503), 0);
    }

    public ReceiverBehaviour {
        failStatuses = List.copyOf(failStatuses);
        if (failStatuses.isEmpty() || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("need a failure status and a Retry-After of 0 or more");
        }
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

    /** The status of failed request number {@code failure} (from 0). */
    public int failStatus(long failure) {
        return failStatuses.get((int) (failure % failStatuses.size()));
    }

    /** Whether an answer with {@code status} carries {@code Retry-After}. */
    public boolean retryAfter(int status) {
        return retryAfterSeconds > 0 && (status == 429 || status == 503);
    }
}
