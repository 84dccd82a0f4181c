package dev.switchboard.broker.delivery;

import io.vertx.core.Future;

/**
 * The delivery stage's one seam (docs/delivery.md): takes one event for one trigger to a settled end — delivered,
 * dead-lettered to the sink, or parked in the dead-letter topic — with retries as timers, never sleeps.
 *
 * <p>The returned future completes only when the event is settled (the dead-letter write acknowledged
 * included), so the dispatcher may commit past it. It fails only when the delivery was abandoned
 * (trigger removed or shutdown); the dispatcher then must not commit past that event.
 */
public interface EventDelivery {
    Future<Settlement> deliver(DeliveryTarget target, InboundEvent event);
}
