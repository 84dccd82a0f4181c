package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.DeliveryTarget;
import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.delivery.Settlement;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Deliveries that end when the test says so. */
final class HeldDeliveries implements EventDelivery {
    private final ConcurrentLinkedQueue<Started> started = new ConcurrentLinkedQueue<>();

    @Override
    public Future<Settlement> deliver(DeliveryTarget target, InboundEvent event) {
        Promise<Settlement> promise = Promise.promise();
        started.add(new Started(event.offset(), promise));
        return promise.future();
    }

    List<Started> started() {
        return new ArrayList<>(started);
    }

    List<Long> startedOffsets() {
        return started().stream().map(Started::offset).toList();
    }

    void settle(int index) {
        started().get(index).promise().complete(new Settlement.Delivered(1));
    }

    void abandon(int index) {
        started().get(index).promise().fail("abandoned");
    }

    private record Started(long offset, Promise<Settlement> promise) {}
}
