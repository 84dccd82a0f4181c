package dev.switchboard.triggers.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a new trigger's cursor starts ({@code switchboard.dev/start-from}, docs/delivery.md): compared with the Kafka
 * record timestamp, i.e. when the event was accepted.
 */
public sealed interface StartFrom {

    /** the oldest stored event. */
    record Earliest() implements StartFrom {}

    /** the end of the log when the trigger is created (the default). */
    record Latest() implements StartFrom {}

    /** the first event accepted at or after the instant. */
    record At(Instant instant) implements StartFrom {
        public At {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
