package dev.switchboard.broker.delivery;

/**
 * Traces delivery attempts (docs/tracing.md): one span per attempt, in the trace of the event. {@link #OFF} hands out
 * constants, so an untraced delivery allocates nothing more than before and sends the stored trace headers unchanged.
 */
@FunctionalInterface
public interface DeliveryTracer {
    DeliveryTracer OFF = (target, event, destination) -> Attempts.NONE;

    /** Where the attempts of one delivery go. */
    enum Destination {
        SUBSCRIBER,
        DEAD_LETTER_SINK
    }

    /** The tracer of the attempts to deliver {@code event} for {@code target} to {@code destination}. */
    Attempts attempts(DeliveryTarget target, InboundEvent event, Destination destination);

    /** Starts the trace of one attempt. */
    @FunctionalInterface
    interface Attempts {
        Attempts NONE = attempt -> AttemptTrace.NONE;

        /** Called just before attempt number {@code attempt} (1 for the first) is sent. */
        AttemptTrace start(int attempt);
    }
}
