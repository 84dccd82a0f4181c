package dev.switchboard.broker.delivery;

/**
 * Fails a delivery's future when the delivery was abandoned before it settled: its trigger was released or
 * the stage closed. The dispatcher must not commit past such an event (docs/architecture.md principle 4).
 */
public final class DeliveryAbandonedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryAbandonedException(String message) {
        super(message, null, false, false);
    }
}
