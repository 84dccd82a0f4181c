package dev.switchboard.loadtest.load;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes generated events in the CloudEvents JSON event format (v1.0.2 §3), data inline as JSON since the
 * generated data is a JSON document. The {@value LoadEvent#SENT_EXTENSION} extension is written as a
 * string: epoch microseconds do not fit the 32-bit CloudEvents Integer type (core spec, "Type System").
 */
final class JsonEventWriter {
    private JsonEventWriter() {}

    static Buffer structured(LoadEvent event) {
        Buffer buffer = Buffer.buffer(event.data().length + 256);
        write(event, buffer);
        return buffer;
    }

    static Buffer batch(List<LoadEvent> events) {
        Buffer buffer = Buffer.buffer(events.size() * (events.get(0).data().length + 256));
        buffer.appendByte((byte) '[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                buffer.appendByte((byte) ',');
            }
            write(events.get(i), buffer);
        }
        return buffer.appendByte((byte) ']');
    }

    private static void write(LoadEvent event, Buffer buffer) {
        StringBuilder head = new StringBuilder(256)
                .append("{\"specversion\":\"1.0\",\"id\":\"")
                .append(event.id())
                .append("\",\"source\":\"")
                .append(LoadEvent.SOURCE)
                .append("\",\"type\":\"")
                .append(event.type())
                .append("\",\"datacontenttype\":\"")
                .append(LoadEvent.DATA_CONTENT_TYPE)
                .append("\",\"")
                .append(LoadEvent.SENT_EXTENSION)
                .append("\":\"")
                .append(event.intendedEpochMicros())
                .append('"');
        event.partitionKey()
                .ifPresent(
                        key -> head.append(",\"partitionkey\":\"").append(key).append('"'));
        head.append(",\"data\":");
        buffer.appendString(head.toString(), StandardCharsets.UTF_8.name());
        buffer.appendBytes(event.data());
        buffer.appendByte((byte) '}');
    }
}
