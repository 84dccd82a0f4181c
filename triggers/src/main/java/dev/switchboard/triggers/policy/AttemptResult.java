package dev.switchboard.triggers.policy;

import java.util.Objects;
import java.util.Optional;

/** What one delivery attempt came back with. */
public sealed interface AttemptResult {

    /**
     * The subscriber answered.
     *
     * @param code the HTTP status
     * @param retryAfter the raw {@code Retry-After} header, if the response had one
     */
    record Status(int code, Optional<String> retryAfter) implements AttemptResult {
        public Status {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public static Status of(int code) {
            return new Status(code, Optional.empty());
        }
    }

    /** No answer: connection refused or reset, DNS failure, TLS failure, egress refused... */
    record TransportError(String message) implements AttemptResult {
        public TransportError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** No answer within the policy's per-attempt {@code timeout}. */
    record Timeout() implements AttemptResult {}
}
