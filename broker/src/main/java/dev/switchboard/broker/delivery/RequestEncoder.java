package dev.switchboard.broker.delivery;

import dev.switchboard.broker.codec.PercentEncoder;
import dev.switchboard.triggers.model.DeliveryFormat;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.types.Time;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Puts an event on the wire as an HTTP request (docs/delivery.md "Request"; CloudEvents HTTP binding v1.0.2).
 *
 * <p>Binary mode (§3.1, the default): every attribute but {@code datacontenttype} becomes a {@code ce-}
 * header whose value is percent-encoded (§3.1.3.2, which the SDK's Vert.x writer does not do),
 * {@code datacontenttype} becomes {@code Content-Type}, and the body is the data, byte for byte. Structured
 * mode (§3.2, {@code format: json}): the body is the JSON event format rendered by the SDK's {@link
 * JsonFormat}. Either way {@code Prefer: reply} asks for a reply event when the request goes to a subscriber,
 * and the W3C trace headers stored beside the event travel with it.
 */
final class RequestEncoder {
    static final String PREFER = "Prefer";
    static final String PREFER_REPLY = "reply";
    /** The transport headers propagated from ingress (W3C Trace Context). */
    static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");

    private static final String CE_PREFIX = "ce-";
    private static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";

    private final JsonFormat json = new JsonFormat();

    /**
     * The request carrying {@code event}.
     *
     * @param transportHeaders headers stored beside the event; only the trace headers are sent on
     * @param askForReply whether to send {@code Prefer: reply} (to subscribers, not to dead-letter sinks)
     */
    OutgoingRequest encode(
            CloudEvent event, DeliveryFormat format, Map<String, String> transportHeaders, boolean askForReply) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Buffer body;
        if (format == DeliveryFormat.JSON) {
            headers.set("Content-Type", STRUCTURED_CONTENT_TYPE);
            body = Buffer.buffer(json.serialize(event));
        } else {
            binaryHeaders(event, headers);
            body = event.getData() == null
                    ? Buffer.buffer()
                    : Buffer.buffer(event.getData().toBytes());
        }
        if (askForReply) {
            headers.set(PREFER, PREFER_REPLY);
        }
        for (String name : TRACE_HEADERS) {
            String value = transportHeaders.get(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        return new OutgoingRequest(headers, body);
    }

    private static void binaryHeaders(CloudEvent event, MultiMap headers) {
        header(headers, "specversion", event.getSpecVersion().toString());
        header(headers, "id", event.getId());
        header(headers, "source", event.getSource());
        header(headers, "type", event.getType());
        header(headers, "subject", event.getSubject());
        header(headers, "dataschema", event.getDataSchema());
        header(headers, "time", event.getTime());
        for (String name : event.getExtensionNames()) {
            header(headers, name, event.getExtension(name));
        }
        if (event.getDataContentType() != null) {
            headers.set("Content-Type", event.getDataContentType());
        }
    }

    private static void header(MultiMap headers, String attribute, Object value) {
        if (value != null) {
            headers.set(CE_PREFIX + attribute, PercentEncoder.encode(text(value)));
        }
    }

    /** The canonical string form of an attribute value (CloudEvents core, "Type System"). */
    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }
}
