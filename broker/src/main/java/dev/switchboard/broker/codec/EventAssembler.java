package dev.switchboard.broker.codec;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.types.Time;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Validates context attributes against the CloudEvents v1.0.2 core spec
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md#context-attributes) and builds the
 * event with the SDK's builder. Both content modes feed it, so every rule lives here once.
 *
 * <p>One assembler per event: add attributes in any order, then {@link #build(byte[])}. Failures are
 * {@link InvalidEventException}s naming the attribute.
 */
final class EventAssembler {
    static final String SPECVERSION = "specversion";
    static final String ID = "id";
    static final String SOURCE = "source";
    static final String TYPE = "type";
    static final String DATACONTENTTYPE = "datacontenttype";
    static final String DATASCHEMA = "dataschema";
    static final String SUBJECT = "subject";
    static final String TIME = "time";

    /** Attribute names: lower-case ASCII letters and digits (spec "Attribute Naming Convention"). */

    /** Extension integers are signed 32-bit (spec "Type System"). */
    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of(SPECVERSION, ID, SOURCE, TYPE, DATACONTENTTYPE, DATASCHEMA, SUBJECT, TIME);

    private final CloudEventBuilder builder = CloudEventBuilder.v1();
    private boolean specVersionSeen;
    private boolean idSeen;
    private boolean sourceSeen;
    private boolean typeSeen;

    static boolean isContextAttribute(String name) {
        return CONTEXT_ATTRIBUTES.contains(name);
    }

    static void checkName(String name) {
        if (!isName(name)) {
            throw new InvalidEventException(
                    name, "attribute name '" + name + "' must consist of lower-case letters a-z and digits 0-9");
        }
    }

    /** {@code [a-z0-9]+} (CloudEvents core, "Attribute Naming Convention"), without a regex on the hot path. */
    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A context attribute or extension carried as a string. */
    EventAssembler string(String name, String value) {
        checkName(name);
        checkCharacters(name, value);
        switch (name) {
            case SPECVERSION -> {
                if (!"1.0".equals(value)) {
                    throw new InvalidEventException(
                            SPECVERSION, "specversion '" + value + "' is not supported, only '1.0'");
                }
                specVersionSeen = true;
            }
            case ID -> {
                builder.withId(nonEmpty(ID, value));
                idSeen = true;
            }
            case SOURCE -> {
                builder.withSource(uri(SOURCE, nonEmpty(SOURCE, value), false));
                sourceSeen = true;
            }
            case TYPE -> {
                builder.withType(nonEmpty(TYPE, value));
                typeSeen = true;
            }
            case DATACONTENTTYPE -> builder.withDataContentType(nonEmpty(DATACONTENTTYPE, value));
            case DATASCHEMA -> builder.withDataSchema(uri(DATASCHEMA, nonEmpty(DATASCHEMA, value), true));
            case SUBJECT -> builder.withSubject(nonEmpty(SUBJECT, value));
            case TIME -> {
                try {
                    builder.withTime(Time.parseTime(value));
                } catch (DateTimeParseException e) {
                    throw new InvalidEventException(TIME, "time '" + value + "' is not an RFC 3339 timestamp");
                }
            }
            default -> builder.withExtension(name, value);
        }
        return this;
    }

    /** An extension carried as a JSON integer. */
    EventAssembler integer(String name, int value) {
        checkName(name);
        requireExtension(name, "an integer");
        builder.withExtension(name, value);
        return this;
    }

    /** An extension carried as a JSON boolean. */
    EventAssembler bool(String name, boolean value) {
        checkName(name);
        requireExtension(name, "a boolean");
        builder.withExtension(name, value);
        return this;
    }

    /** Checks that the required attributes were seen and builds the event; {@code data} may be null. */
    CloudEvent build(byte[] data) {
        if (!specVersionSeen) {
            throw new InvalidEventException(SPECVERSION, "required attribute specversion is missing");
        }
        if (!idSeen) {
            throw new InvalidEventException(ID, "required attribute id is missing");
        }
        if (!sourceSeen) {
            throw new InvalidEventException(SOURCE, "required attribute source is missing");
        }
        if (!typeSeen) {
            throw new InvalidEventException(TYPE, "required attribute type is missing");
        }
        if (data != null) {
            builder.withData(data);
        }
        return builder.build();
    }

    /**
     * Spec "Type System", String: control characters (U+0000–U+001F, U+007F–U+009F), unpaired surrogates
     * and noncharacters must not be used.
     */
    private static void checkCharacters(String name, String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            boolean control = c <= 0x1F || (c >= 0x7F && c <= 0x9F);
            boolean surrogate = c >= 0xD800 && c <= 0xDFFF;
            boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
            if (control || surrogate || nonCharacter) {
                throw new InvalidEventException(
                        name,
                        String.format(
                                "attribute %s contains the character U+%04X, which a CloudEvents string must not use",
                                name, c));
            }
            i += Character.charCount(c);
        }
    }

    private static void requireExtension(String name, String what) {
        if (isContextAttribute(name)) {
            throw new InvalidEventException(name, "attribute " + name + " must be a string, got " + what);
        }
    }

    private static String nonEmpty(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException(name, "attribute " + name + " must be a non-empty string");
        }
        return value;
    }

    private static URI uri(String name, String value, boolean absolute) {
        try {
            URI uri = new URI(value);
            if (absolute && !uri.isAbsolute()) {
                throw new InvalidEventException(name, "attribute " + name + " must be an absolute URI");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidEventException(name, "attribute " + name + " is not a URI: " + e.getReason());
        }
    }
}
