package dev.switchboard.broker.codec;

import io.cloudevents.CloudEvent;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a binary-mode request (CloudEvents HTTP binding §3.1,
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md#31-binary-content-mode):
 * attributes from {@code ce-} headers (percent-decoded), {@code datacontenttype} from {@code Content-Type},
 * data from the body, byte for byte.
 */
final class BinaryModeReader {
    private static final String PREFIX = "ce-";

    private BinaryModeReader() {}

    static ReadResult read(MultiMap headers, byte[] body) {
        try {
            return ReadResult.of(List.of(event(headers, body)));
        } catch (InvalidEventException e) {
            return ReadResult.of(e.toRejection());
        }
    }

    private static CloudEvent event(MultiMap headers, byte[] body) {
        EventAssembler assembler = new EventAssembler();
        boolean anyAttribute = false;
        for (Map.Entry<String, String> header : headers) {
            String headerName = header.getKey();
            if (headerName.length() <= PREFIX.length() || !headerName.regionMatches(true, 0, PREFIX, 0, 3)) {
                continue;
            }
            String name = headerName.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            EventAssembler.checkName(name);
            if (headers.getAll(headerName).size() > 1) {
                throw new InvalidEventException(name, "header " + headerName + " appears more than once");
            }
            if (EventAssembler.DATACONTENTTYPE.equals(name)) {
                throw new InvalidEventException(
                        name, "in binary mode datacontenttype travels as Content-Type, not as ce-datacontenttype");
            }
            String value;
            try {
                value = PercentDecoder.decode(header.getValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(name, "header " + headerName + ": " + e.getMessage());
            }
            assembler.string(name, value);
            anyAttribute = true;
        }
        if (!anyAttribute) {
            throw new InvalidEventException(
                    EventAssembler.SPECVERSION,
                    "not a CloudEvent: no ce- headers and no application/cloudevents content type");
        }
        String contentType = headers.get("content-type");
        if (contentType != null && !contentType.isEmpty()) {
            assembler.string(EventAssembler.DATACONTENTTYPE, contentType);
        }
        return assembler.build(body.length == 0 ? null : body);
    }
}
