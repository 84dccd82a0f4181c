package dev.switchboard.broker.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads structured and batched requests in the JSON event format
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md): context attributes
 * are JSON strings, extensions strings, integers or booleans, and the payload is {@code data} or
 * {@code data_base64}, never both. A batch is validated whole: one bad event rejects all, listing every
 * bad index.
 */
final class JsonFormatReader {
    private static final String DATA = "data";
    private static final String DATA_BASE64 = "data_base64";
    /** Deep enough for real payloads, shallow enough that a hostile body cannot exhaust the stack. */
    private static final int MAX_NESTING = 256;

    private final ObjectMapper mapper;

    JsonFormatReader() {
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .build());
    }

    ReadResult structured(byte[] body) {
        try {
            JsonNode root = parse(body);
            if (!root.isObject()) {
                return ReadResult.of(Rejection.invalid(null, "a structured event must be a JSON object"));
            }
            return ReadResult.of(List.of(event(root)));
        } catch (InvalidEventException e) {
            return ReadResult.of(e.toRejection());
        }
    }

    ReadResult batch(byte[] body) {
        JsonNode root;
        try {
            root = parse(body);
        } catch (InvalidEventException e) {
            return ReadResult.of(e.toRejection());
        }
        if (!root.isArray()) {
            return ReadResult.of(Rejection.invalid(null, "a batch must be a JSON array of events"));
        }
        List<CloudEvent> events = new ArrayList<>(root.size());
        List<Rejection.ItemError> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            try {
                if (!item.isObject()) {
                    throw new InvalidEventException(null, "a batch item must be a JSON object");
                }
                events.add(event(item));
            } catch (InvalidEventException e) {
                errors.add(new Rejection.ItemError(i, e.getMessage(), java.util.Optional.ofNullable(e.attribute())));
            }
        }
        return errors.isEmpty() ? ReadResult.of(events) : ReadResult.of(Rejection.invalidBatch(errors));
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidEventException(null, "malformed JSON: the body is empty");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException(null, "malformed JSON: " + e.getMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            // found by fuzzing: a number such as 7E7777...7 that no BigDecimal can hold escapes Jackson unwrapped
            throw new InvalidEventException(null, "malformed JSON: a number is out of range");
        }
    }

    private CloudEvent event(JsonNode object) {
        EventAssembler assembler = new EventAssembler();
        JsonNode data = null;
        JsonNode dataBase64 = null;
        String contentType = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (DATA.equals(name)) {
                data = value;
            } else if (DATA_BASE64.equals(name)) {
                dataBase64 = value;
            } else if (!value.isNull()) {
                attribute(assembler, name, value);
                if (EventAssembler.DATACONTENTTYPE.equals(name)) {
                    contentType = value.asText();
                }
            }
        }
        if (data != null && dataBase64 != null) {
            throw new InvalidEventException(DATA_BASE64, "an event carries data or data_base64, not both");
        }
        return assembler.build(payload(data, dataBase64, contentType));
    }

    private static void attribute(EventAssembler assembler, String name, JsonNode value) {
        if (value.isTextual()) {
            assembler.string(name, value.textValue());
        } else if (value.isBoolean()) {
            assembler.bool(name, value.booleanValue());
        } else if (value.isIntegralNumber()) {
            if (!value.canConvertToInt()) {
                throw new InvalidEventException(
                        name, "attribute " + name + " is outside the signed 32-bit integer range");
            }
            assembler.integer(name, value.intValue());
        } else {
            EventAssembler.checkName(name);
            throw new InvalidEventException(
                    name,
                    "attribute " + name + " must be a string"
                            + (EventAssembler.isContextAttribute(name) ? "" : ", an integer or a boolean")
                            + ", got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private byte[] payload(JsonNode data, JsonNode dataBase64, String contentType) {
        if (dataBase64 != null && !dataBase64.isNull()) {
            if (!dataBase64.isTextual()) {
                throw new InvalidEventException(DATA_BASE64, "data_base64 must be a base64 string");
            }
            try {
                return Base64.getDecoder().decode(dataBase64.textValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(DATA_BASE64, "data_base64 is not valid base64: " + e.getMessage());
            }
        }
        if (data == null || data.isNull()) {
            return null;
        }
        if (data.isTextual() && !isJson(contentType)) {
            return data.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DATA, "data cannot be rendered as JSON: " + e.getOriginalMessage());
        }
    }

    /** JSON format §3.1: absent datacontenttype means JSON; {@code +json} suffixes and text/json are JSON. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String mediaType = ContentMode.mediaType(contentType);
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }
}
