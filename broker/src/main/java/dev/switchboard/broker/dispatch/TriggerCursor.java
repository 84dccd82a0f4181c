package dev.switchboard.broker.dispatch;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * A trigger's position in its broker's log and the reading that moves it (docs/architecture.md principle 4, "a
 * trigger is a cursor"). Start-from, pause, replay and ordered delivery are all "move or hold this cursor".
 * The state behind it ({@link CursorState}) has no Kafka in it; the broker's shared reader and the catch-up
 * readers ({@link BrokerReader}, {@link CatchUpReaders}) feed it, made by {@link SharedReaderCursorFactory}.
 */
public interface TriggerCursor {

    /** Applies a changed binding of the same trigger, group and topic live: filter, target, limits, pause. */
    void update(TriggerBinding binding);

    /**
     * Re-positions the cursor at the first event accepted at or after {@code from} (record timestamp) and
     * commits that position; events from there on are delivered again, to this trigger only.
     *
     * @return the number of partitions moved
     */
    Future<Integer> replay(Instant from);

    /**
     * Sends the trigger's events parked in its broker's {@code .dlq} topic back to its subscriber (docs/cli.md
     * {@code redrive}) through the trigger's own window (its max-in-flight, rate limit, ordering and pause), and
     * marks them done.
     *
     * @param binding the trigger as it runs now
     * @return the number of parked events being sent back
     */
    Future<Integer> redrive(TriggerBinding binding);

    /**
     * Stops reading, lets the deliveries in flight end within {@code drain}, commits what settled and leaves
     * the group. Deliveries not ended by then are not committed past: they are delivered again later.
     */
    Future<Void> stop(Duration drain);
}
