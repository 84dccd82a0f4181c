package dev.switchboard.broker.app;

import dev.switchboard.broker.dispatch.Dispatcher;
import dev.switchboard.broker.ops.TriggerControl;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import java.time.Instant;

/** The ops API's replay and redrive endpoints, served by the dispatcher's cursors. */
record DispatcherControl(Dispatcher dispatcher) implements TriggerControl {
    @Override
    public Future<Void> replay(ResourceId trigger, Instant from) {
        return dispatcher.replay(trigger, from).mapEmpty();
    }

    @Override
    public Future<Integer> redrive(ResourceId trigger) {
        return dispatcher.redrive(trigger);
    }

    @Override
    public boolean dispatching(ResourceId trigger) {
        return dispatcher.dispatching().contains(trigger);
    }
}
