package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.types.Time;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

/**
 * The one rule that turns a CloudEvent attribute into the text every string filter compares against.
 *
 * <p>A name is looked up among the context attributes of the event's spec version ({@code id}, {@code
 * source}, {@code specversion}, {@code type}, {@code datacontenttype}, {@code dataschema}, {@code subject},
 * {@code time} for v1.0) and otherwise among its extensions; names are case-sensitive. Typed values are
 * compared by their canonical string form as defined by the CloudEvents v1.0.2 type system
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md#type-system): URI and URI-reference
 * as written, Timestamp as RFC 3339 rendered by the SDK's {@link Time#writeTime(OffsetDateTime)} (the form
 * put on the wire), Integer in decimal, Boolean as {@code true}/{@code false}, Binary in standard base64.
 * Used identically by the {@code filter.attributes}, {@code exact}, {@code prefix} and {@code suffix}
 * dialects and by {@link TriggerIndex}, which is what lets the index skip filters safely.
 */
public final class AttributeText {

    private AttributeText() {}

    /** The attribute's canonical text, or empty when the event does not carry it. */
    public static Optional<String> of(CloudEvent event, String name) {
        return Optional.ofNullable(orNull(event, name));
    }

    /** As {@link #of} without the wrapper, for hot paths. */
    static String orNull(CloudEvent event, String name) {
        Object value =
                isContextAttribute(event.getSpecVersion(), name) ? event.getAttribute(name) : event.getExtension(name);
        return value == null ? null : render(value);
    }

    /** The canonical string form of an attribute value of any CloudEvents type. */
    public static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString(); // URI, Integer, Boolean, SpecVersion ("1.0")
    }

    private static boolean isContextAttribute(SpecVersion version, String name) {
        return version.getAllAttributes().contains(name);
    }
}
