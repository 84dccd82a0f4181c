package dev.switchboard.loadtest.receive;

import dev.switchboard.loadtest.load.LoadEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The two attributes the receiver needs from a delivered event: its id and its
 * {@value LoadEvent#SENT_EXTENSION} (epoch microseconds). Read from a binary-mode request's {@code ce-}
 * headers or a structured-mode body (CloudEvents HTTP binding v1.0.2 §3.1, §3.2).
 */
public record Receipt(String id, long sentEpochMicros) {
    private static final String SENT_HEADER = "ce-" + LoadEvent.SENT_EXTENSION;

    /** The receipt of a delivery, empty when it carries no id or no readable sent time. */
    public static Optional<Receipt> read(MultiMap headers, Buffer body) {
        String contentType = headers.get("content-type");
        if (contentType != null && contentType.startsWith("application/cloudevents+json")) {
            return structured(body);
        }
        return of(headers.get("ce-id"), headers.get(SENT_HEADER));
    }

    private static Optional<Receipt> structured(Buffer body) {
        try {
            JsonObject json = body.toJsonObject();
            Object sent = json.getValue(LoadEvent.SENT_EXTENSION);
            return of(json.getString("id"), sent == null ? null : sent.toString());
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Optional<Receipt> of(String id, String sent) {
        if (id == null || id.isEmpty() || sent == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Receipt(id, Long.parseLong(sent.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
