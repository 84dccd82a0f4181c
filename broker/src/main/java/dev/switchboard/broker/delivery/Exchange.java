package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.AttemptResult;
import io.vertx.core.MultiMap;
import java.util.Optional;

/** What one HTTP attempt came back with: an answer (status, headers, body) or none. */
sealed interface Exchange {

    /** The attempt as the delivery policy sees it. */
    AttemptResult result();

    /**
     * The server answered.
     *
     * @param body the first bytes of the body, at most the configured response limit
     * @param truncated whether the body was longer than what was kept
     */
    record Answered(int status, MultiMap headers, byte[] body, boolean truncated) implements Exchange {
        @Override
        public AttemptResult result() {
            return new AttemptResult.Status(status, Optional.ofNullable(headers.get("Retry-After")));
        }

        boolean isSuccess() {
            return status >= 200 && status <= 299;
        }
    }

    /** No answer: connection refused or reset, or no answer within the attempt's timeout. */
    record Unanswered(AttemptResult result) implements Exchange {}

    /**
     * Not attempted: the egress guard refused the resolved address (docs/security.md). Never retried: the same name
     * would be refused again, and retrying would only delay the dead letter.
     */
    record Refused(String reason) implements Exchange {
        @Override
        public AttemptResult result() {
            return new AttemptResult.TransportError(reason);
        }
    }
}
