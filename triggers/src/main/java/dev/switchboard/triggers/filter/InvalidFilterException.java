package dev.switchboard.triggers.filter;

/** A filter that cannot be compiled, such as a CESQL expression that does not parse. */
public final class InvalidFilterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidFilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
