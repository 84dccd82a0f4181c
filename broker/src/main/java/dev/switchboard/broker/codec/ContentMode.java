package dev.switchboard.broker.codec;

import java.util.Locale;

/**
 * The content mode of a request, decided from its {@code Content-Type} (CloudEvents HTTP binding §3:
 * structured {@code application/cloudevents+FORMAT}, batched {@code application/cloudevents-batch+FORMAT},
 * anything else binary). Only the JSON event format is supported; other formats are a 415.
 */
public enum ContentMode {
    BINARY,
    STRUCTURED,
    BATCH,
    UNSUPPORTED_FORMAT;

    private static final String STRUCTURED_PREFIX = "application/cloudevents";
    private static final String BATCH_PREFIX = "application/cloudevents-batch";

    public static ContentMode of(String contentType) {
        if (contentType == null) {
            return BINARY;
        }
        String mediaType = mediaType(contentType);
        if (mediaType.equals(BATCH_PREFIX + "+json")) {
            return BATCH;
        }
        if (mediaType.equals(STRUCTURED_PREFIX + "+json")) {
            return STRUCTURED;
        }
        if (mediaType.startsWith(STRUCTURED_PREFIX)) {
            return UNSUPPORTED_FORMAT;
        }
        return BINARY;
    }

    /** The media type without parameters, lower-cased. */
    public static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
