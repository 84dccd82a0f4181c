package dev.switchboard.loadtest.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the generated events look like: ids {@code {runId}-{sequence}}, types taken in turn from
 * {@code types} (so with one trigger per type, event {@code n} matches exactly trigger {@code n mod types}),
 * partition keys taken in turn from {@code partitionKeys} distinct values (0 = no {@code partitionkey}
 * extension), and data of exactly {@code payloadBytes} bytes of JSON.
 */
public record EventShape(String runId, List<String> types, int partitionKeys, int payloadBytes) {
    /** The smallest payload: {@code {"p":""}}. */
    public static final int MIN_PAYLOAD_BYTES = 8;

    public EventShape {
        if (runId.isBlank() || !runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-': " + runId);
        }
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one event type is needed");
        }
        if (partitionKeys < 0) {
            throw new IllegalArgumentException("partition keys must be 0 or more: " + partitionKeys);
        }
        if (payloadBytes < MIN_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "payload must be at least " + MIN_PAYLOAD_BYTES + " bytes: " + payloadBytes);
        }
    }

    /** The id of event {@code sequence}. */
    public String id(long sequence) {
        return runId + "-" + sequence;
    }

    /** The type of event {@code sequence}. */
    public String type(long sequence) {
        return types.get((int) (sequence % types.size()));
    }

    /** The event {@code sequence}, meant to be sent at {@code intendedEpochMicros}, sharing {@code data}. */
    public LoadEvent event(long sequence, long intendedEpochMicros, byte[] data) {
        Optional<String> key = partitionKeys == 0 ? Optional.empty() : Optional.of("k" + (sequence % partitionKeys));
        return new LoadEvent(id(sequence), type(sequence), key, data, intendedEpochMicros);
    }

    /** A JSON document of exactly {@code payloadBytes} bytes: {@code {"p":"xxx…"}}. */
    public byte[] payload() {
        char[] filler = new char[payloadBytes - MIN_PAYLOAD_BYTES];
        Arrays.fill(filler, 'x');
        return ("{\"p\":\"" + new String(filler) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }
}
