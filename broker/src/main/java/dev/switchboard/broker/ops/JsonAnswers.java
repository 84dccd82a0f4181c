package dev.switchboard.broker.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How the ops API answers: JSON bodies with a status, and errors as {@code {"error": "..."}}. */
final class JsonAnswers {
    private JsonAnswers() {}

    static void send(RoutingContext ctx, int status, JsonObject body) {
        send(ctx, status, body.toBuffer());
    }

    /** Sends a body already encoded (off the event loop, for large ones). */
    static void send(RoutingContext ctx, int status, Buffer body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }

    static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }
}
