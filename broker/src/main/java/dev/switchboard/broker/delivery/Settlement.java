package dev.switchboard.broker.delivery;

/**
 * How an event ended for one trigger. Every case is "settled": the dispatcher may commit past it. There is
 * no "dropped" case (docs/delivery.md "Guarantee").
 */
public sealed interface Settlement {
    /** The subscriber answered 2xx. */
    record Delivered(int attempts) implements Settlement {}

    /** Retries were exhausted (or the status was not retryable) and the dead-letter sink took the event. */
    record DeadLetteredToSink(int attempts, String reason) implements Settlement {}

    /** Neither the subscriber nor a sink took the event; it is parked in the broker's {@code .dlq} topic. */
    record ParkedInTopic(int attempts, String reason) implements Settlement {}
}
