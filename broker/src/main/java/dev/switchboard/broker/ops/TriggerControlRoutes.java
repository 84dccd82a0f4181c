package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.Condition;
import dev.switchboard.triggers.model.ConditionType;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.TriggerStatus;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /api/v1/namespaces/{ns}/triggers/{name}/replay} and {@code .../redrive} (docs/operations.md): validated
 * here, carried out by the dispatcher through {@link TriggerControl}.
 *
 * <ul>
 *   <li>unknown trigger: 404; replay body not a JSON object with exactly a string {@code from} in RFC 3339
 *       (https://www.rfc-editor.org/rfc/rfc3339#section-5.6, offset required): 400;
 *   <li>a trigger that is not Ready (no broker, unresolved subscriber) has no cursor to move: 409 naming the
 *       reason;
 *   <li>accepted: 202, replay {@code {"trigger", "from"}}, redrive {@code {"events": N}}; the dispatcher failing:
 *       503 with its message.
 * </ul>
 *
 * <p>Before any of that, who is calling (docs/operations.md, checked in this order, nothing done on a refusal):
 *
 * <ul>
 *   <li>an {@code Origin} header that is not the ops server's own: 403 (a page of another origin in an operator's
 *       browser must not replay or redrive: cross-site request forgery);
 *   <li>with {@code ops.tokensFile}, no valid {@code Authorization: Bearer} token: 401 with {@code
 *       WWW-Authenticate};
 *   <li>a body whose {@code Content-Type} is not {@code application/json}: 415 (a browser cannot send JSON
 *       cross-origin without a preflight, which this server never answers with CORS headers).
 * </ul>
 */
final class TriggerControlRoutes {
    private static final Set<String> REPLAY_FIELDS = Set.of("from");

    private final ConfigStatus config;
    private final TriggerControl control;
    private final ControlAccess access;

    TriggerControlRoutes(ConfigStatus config, TriggerControl control) {
        this(config, control, ControlAccess.sameOrigin("127.0.0.1"));
    }

    TriggerControlRoutes(ConfigStatus config, TriggerControl control, ControlAccess access) {
        this.config = config;
        this.control = control;
        this.access = access;
    }

    void replay(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Optional<ResourceId> trigger = readyTrigger(ctx);
        if (trigger.isEmpty()) {
            return;
        }
        Instant from;
        try {
            from = from(ctx.body().asString());
        } catch (IllegalArgumentException e) {
            JsonAnswers.send(ctx, 400, JsonAnswers.error(e.getMessage()));
            return;
        }
        answer(ctx, control.replay(trigger.get(), from), ignored -> new JsonObject()
                .put("trigger", trigger.get().toString())
                .put("from", from.toString()));
    }

    void redrive(RoutingContext ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Optional<ResourceId> trigger = readyTrigger(ctx);
        if (trigger.isEmpty()) {
            return;
        }
        answer(ctx, control.redrive(trigger.get()), events -> new JsonObject()
                .put("trigger", trigger.get().toString())
                .put("events", events));
    }

    /** Origin (403), then token (401), then content type (415); answers the refusal and returns false. */
    private boolean allowed(RoutingContext ctx) {
        if (!access.sameOrigin(ctx.request())) {
            JsonAnswers.send(ctx, 403, JsonAnswers.error("cross-origin requests may not change triggers"));
            return false;
        }
        Optional<String> refused = access.refusal(ctx.request());
        if (refused.isPresent()) {
            ctx.response()
                    .putHeader(
                            "WWW-Authenticate",
                            "Bearer realm=\"switchboard-ops\", error=\"invalid_token\", error_description=\""
                                    + refused.get().replace('"', '\'') + "\"");
            JsonAnswers.send(ctx, 401, JsonAnswers.error(refused.get()));
            return false;
        }
        if (hasBody(ctx) && !json(ctx.request().getHeader("Content-Type"))) {
            JsonAnswers.send(ctx, 415, JsonAnswers.error("the body must be JSON (Content-Type: application/json)"));
            return false;
        }
        return true;
    }

    /** Whether the request carried a body, also one the body handler took apart (a multipart form). */
    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return ctx.body().length() > 0
                || ctx.request().getHeader("Transfer-Encoding") != null
                || (length != null && !length.strip().equals("0"));
    }

    private static boolean json(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/json");
    }

    /** The trigger named by the path when it exists and is Ready; otherwise answers 404 or 409. */
    private Optional<ResourceId> readyTrigger(RoutingContext ctx) {
        ResourceId id = new ResourceId(ctx.pathParam("namespace"), ctx.pathParam("name"));
        ResourceSet resources = config.resources();
        if (resources.trigger(id).isEmpty()) {
            JsonAnswers.send(ctx, 404, JsonAnswers.error("no trigger " + id));
            return Optional.empty();
        }
        TriggerStatus status = resources.status(id);
        if (!status.isReady()) {
            Condition ready = status.condition(ConditionType.READY);
            JsonAnswers.send(
                    ctx,
                    409,
                    JsonAnswers.error(
                                    "trigger " + id + " is not Ready: " + ready.reason() + " (" + ready.message() + ")")
                            .put("reason", ready.reason()));
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private static <T> void answer(RoutingContext ctx, Future<T> outcome, Function<T, JsonObject> accepted) {
        outcome.onComplete(
                result -> JsonAnswers.send(ctx, 202, accepted.apply(result)),
                failure -> JsonAnswers.send(
                        ctx,
                        503,
                        JsonAnswers.error(failure.getMessage() == null ? failure.toString() : failure.getMessage())));
    }

    /** {@code {"from": "<RFC3339>"}} and nothing else. */
    static Instant from(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("body must be {\"from\": \"<RFC3339 timestamp>\"}");
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "body is not a JSON object: must be {\"from\": \"<RFC3339 timestamp>\"}");
        }
        for (String field : json.fieldNames()) {
            if (!REPLAY_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\": only \"from\" is allowed");
            }
        }
        Object from = json.getValue("from");
        if (!(from instanceof String text)) {
            throw new IllegalArgumentException(
                    "\"from\" must be an RFC3339 timestamp string, e.g. 2025-01-31T12:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"from\" is not an RFC3339 timestamp with an offset: \"" + text
                    + "\" (e.g. 2025-01-31T12:00:00Z)");
        }
    }
}
