package dev.switchboard.broker.codec;

import io.vertx.core.MultiMap;

/** Reads the events of a request in whichever content mode its {@code Content-Type} says. */
public final class EventReader {
    private final JsonFormatReader json = new JsonFormatReader();

    public ReadResult read(MultiMap headers, byte[] body) {
        return read(ContentMode.of(headers.get("content-type")), headers, body);
    }

    public ReadResult read(ContentMode mode, MultiMap headers, byte[] body) {
        return switch (mode) {
            case STRUCTURED -> json.structured(body);
            case BATCH -> json.batch(body);
            case BINARY -> BinaryModeReader.read(headers, body);
            case UNSUPPORTED_FORMAT ->
                ReadResult.of(
                        Rejection.of(Rejection.Kind.UNSUPPORTED_FORMAT, "only the JSON event format is supported"));
        };
    }
}
