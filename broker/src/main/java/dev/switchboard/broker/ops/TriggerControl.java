package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * The dispatcher's operator controls, called by the replay and redrive endpoints (docs/operations.md). The ops API has
 * already checked that the trigger exists and is Ready; a failed future becomes a 503 with its message.
 */
public interface TriggerControl {

    /** Moves the trigger's cursor back so events accepted at or after {@code from} are delivered again. */
    Future<Void> replay(ResourceId trigger, Instant from);

    /** Sends the trigger's parked dead letters back to its subscriber; completes with how many. */
    Future<Integer> redrive(ResourceId trigger);

    /**
     * Whether the trigger's cursor is positioned and running here, so that an event accepted from now on reaches it
     * (docs/delivery.md "New trigger"); until then the ops API shows it Ready=Unknown. A control without a dispatcher
     * says nothing about dispatch: every trigger counts as dispatching.
     */
    default boolean dispatching(ResourceId trigger) {
        return true;
    }

    /** Answers every call with a failure naming why: for a server whose dispatcher is not wired in. */
    static TriggerControl unavailable(String why) {
        return new TriggerControl() {
            @Override
            public Future<Void> replay(ResourceId trigger, Instant from) {
                return Future.failedFuture(why);
            }

            @Override
            public Future<Integer> redrive(ResourceId trigger) {
                return Future.failedFuture(why);
            }
        };
    }
}
