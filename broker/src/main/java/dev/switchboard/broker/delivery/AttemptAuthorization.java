package dev.switchboard.broker.delivery;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The {@code Authorization} header of each attempt to one destination (docs/security.md "Subscriber credentials"), from the
 * {@code egressAuth} entry the trigger names. Never logged, never in a metric, a dead letter or an error message.
 */
interface AttemptAuthorization {
    /** No credentials: the request goes without an {@code Authorization} header. */
    AttemptAuthorization NONE = new AttemptAuthorization() {
        @Override
        public Future<Optional<String>> header() {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public boolean renewAfterRejection(String rejected) {
            return false;
        }
    };

    /**
     * The header value for the next attempt ({@code Bearer ...}, {@code Basic ...}), or empty for none; fails, with a
     * message naming the file or the token endpoint and never a secret, when no credential can be had right now (an
     * unreadable secret file, a token endpoint that is down), which the attempt counts as a retryable failure.
     */
    Future<Optional<String>> header();

    /**
     * The destination answered 401 to {@code rejected}: forgets it and says whether a fresh credential could differ
     * (an OAuth 2.0 token can be fetched again; a static one cannot).
     */
    boolean renewAfterRejection(String rejected);
}
