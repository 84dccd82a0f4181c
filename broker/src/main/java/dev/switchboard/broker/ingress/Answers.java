package dev.switchboard.broker.ingress;

import dev.switchboard.broker.codec.Rejection;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Writes ingress answers: JSON error bodies {@code {"error", "attribute"}} (docs/ingress.md) and the headers each status needs. */
final class Answers {
    static final String ALLOW = "POST, OPTIONS";
    static final int RETRY_AFTER_OVERLOADED_SECONDS = 1;
    static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

    private Answers() {}

    static Future<Void> accepted(HttpServerResponse response) {
        return response.setStatusCode(202).end();
    }

    static Future<Void> rejected(HttpServerResponse response, Rejection rejection) {
        return rejected(response, rejection, Optional.empty());
    }

    /**
     * A rejection; a 401 carries {@code challenge} as its {@code WWW-Authenticate} (RFC 6750 §3), or a bare
     * {@code Bearer}. Answers that leave the body unread (401, 403, 408, 413) close the connection.
     */
    static Future<Void> rejected(HttpServerResponse response, Rejection rejection, Optional<String> challenge) {
        JsonObject body = new JsonObject().put("error", rejection.message());
        rejection.attribute().ifPresent(attribute -> body.put("attribute", attribute));
        if (!rejection.items().isEmpty()) {
            JsonArray items = new JsonArray();
            for (Rejection.ItemError item : rejection.items()) {
                JsonObject entry = new JsonObject().put("index", item.index()).put("error", item.message());
                item.attribute().ifPresent(attribute -> entry.put("attribute", attribute));
                items.add(entry);
            }
            body.put("invalid", items);
        }
        switch (rejection.kind()) {
            case METHOD_NOT_ALLOWED -> response.putHeader(HttpHeaders.ALLOW, ALLOW);
            case OVERLOADED ->
                response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_OVERLOADED_SECONDS));
            case UNAVAILABLE ->
                response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_UNAVAILABLE_SECONDS));
            case UNAUTHORIZED -> response.putHeader("WWW-Authenticate", challenge.orElse("Bearer"));
            default -> {}
        }
        if (leavesBodyUnread(rejection.kind())) {
            // the rest of the body is not read: the connection cannot be reused
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        return response.setStatusCode(rejection.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toBuffer());
    }

    static boolean leavesBodyUnread(Rejection.Kind kind) {
        return switch (kind) {
            case TOO_LARGE, REQUEST_TIMEOUT, UNAUTHORIZED, FORBIDDEN -> true;
            default -> false;
        };
    }

    static Future<Void> plain(HttpServerResponse response, int status, String text) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(text);
    }
}
