package dev.switchboard.broker.codec;

/**
 * Thrown inside the readers when an event breaks a rule; converted to a {@link Rejection} at the reader's
 * boundary so that callers only ever see values.
 */
final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String attribute;

    InvalidEventException(String attribute, String message) {
        super(message, null, false, false);
        this.attribute = attribute;
    }

    String attribute() {
        return attribute;
    }

    Rejection toRejection() {
        return Rejection.invalid(attribute, getMessage());
    }
}
