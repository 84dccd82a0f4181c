package dev.switchboard.broker.codec;

import java.util.List;
import java.util.Optional;

/**
 * Why ingress refused a request: a kind that decides the HTTP status, a message for the client and,
 * when one attribute is at fault, its name. Modelled on the CloudEvents SDK's {@code CloudEventRWException}
 * kinds; the table of statuses is docs/ingress.md.
 */
public record Rejection(Kind kind, String message, Optional<String> attribute, List<ItemError> items) {

    /** The kinds of rejection and the status each maps to. */
    public enum Kind {
        INVALID_EVENT(400),
        UNAUTHORIZED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        METHOD_NOT_ALLOWED(405),
        REQUEST_TIMEOUT(408),
        TOO_LARGE(413),
        UNSUPPORTED_FORMAT(415),
        OVERLOADED(429),
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** One bad event of a batch, by its index in the array. */
    public record ItemError(int index, String message, Optional<String> attribute) {}

    public Rejection {
        items = List.copyOf(items);
    }

    public static Rejection invalid(String attribute, String message) {
        return new Rejection(Kind.INVALID_EVENT, message, Optional.ofNullable(attribute), List.of());
    }

    public static Rejection invalidBatch(List<ItemError> items) {
        return new Rejection(
                Kind.INVALID_EVENT,
                items.size() + " of the batch's events are invalid, nothing was stored",
                Optional.empty(),
                items);
    }

    public static Rejection of(Kind kind, String message) {
        return new Rejection(kind, message, Optional.empty(), List.of());
    }

    public int status() {
        return kind.status();
    }
}
