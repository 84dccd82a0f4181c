package dev.switchboard.loadtest.load;

import java.util.Optional;

/**
 * One generated event: its id, type, optional partition key, data, and the instant it was meant to be sent
 * (epoch microseconds), which travels with it in the {@value #SENT_EXTENSION} extension so the receiver can
 * measure end-to-end latency from the same instant the generator measures from.
 */
public record LoadEvent(String id, String type, Optional<String> partitionKey, byte[] data, long intendedEpochMicros) {
    /** The CloudEvents extension carrying the intended send time, epoch microseconds. */
    public static final String SENT_EXTENSION = "loadtestsent";

    /** The source attribute of every generated event. */
    public static final String SOURCE = "/switchboard/loadtest";

    /** The data content type of every generated event (the data is a small JSON document). */
    public static final String DATA_CONTENT_TYPE = "application/json";
}
