package dev.switchboard.triggers.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** What to do with an event after an attempt: done, try again later, or dead-letter. */
public sealed interface Verdict {

    /** The subscriber has it. */
    record Delivered() implements Verdict {}

    /** Attempt again after {@code after} (never negative). */
    record Retry(Duration after) implements Verdict {
        public Retry {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("negative wait: " + after);
            }
        }
    }

    /**
     * Stop and dead-letter.
     *
     * @param reason why, for logs and the dead-letter record
     * @param status the last HTTP status ({@code knativeerrorcode}), empty after a transport error or timeout
     */
    record GiveUp(String reason, OptionalInt status) implements Verdict {
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(status, "status");
        }
    }
}
