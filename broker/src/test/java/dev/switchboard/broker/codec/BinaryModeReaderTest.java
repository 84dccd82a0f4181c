package dev.switchboard.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryModeReaderTest {

    private static MultiMap valid() {
        return MultiMap.caseInsensitiveMultiMap()
                .add("ce-specversion", "1.0")
                .add("ce-id", "e-1")
                .add("ce-source", "/orders")
                .add("ce-type", "com.example.order.created");
    }

    @Test
    void readsAttributesFromHeadersAndDataFromBody() {
        MultiMap headers = valid().add("Content-Type", "application/json")
                .add("ce-subject", "order%2042")
                .add("ce-time", "2026-11-24T10:00:00.123Z")
                .add("CE-Tenant", "acme")
                .add("ce-dataschema", "https://schemas.example.com/order");
        byte[] body = "{\"n\": 1}".getBytes(StandardCharsets.UTF_8);

        ReadResult result = BinaryModeReader.read(headers, body);

        assertThat(result.rejection()).isEmpty();
        CloudEvent event = result.events().get(0);
        assertThat(event.getId()).isEqualTo("e-1");
        assertThat(event.getSource().toString()).isEqualTo("/orders");
        assertThat(event.getType()).isEqualTo("com.example.order.created");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getSubject()).isEqualTo("order 42");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:00:00.123Z"));
        assertThat(event.getExtension("tenant")).isEqualTo("acme");
        assertThat(event.getDataSchema().toString()).isEqualTo("https://schemas.example.com/order");
        assertThat(event.getData().toBytes()).isEqualTo(body);
    }

    @Test
    void emptyBodyMeansNoData() {
        ReadResult result = BinaryModeReader.read(valid(), new byte[0]);

        assertThat(result.events().get(0).getData()).isNull();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("no ce headers", MultiMap.caseInsensitiveMultiMap(), "specversion"),
                Arguments.of("missing id", without("ce-id"), "id"),
                Arguments.of("missing source", without("ce-source"), "source"),
                Arguments.of("missing type", without("ce-type"), "type"),
                Arguments.of("missing specversion", without("ce-specversion"), "specversion"),
                Arguments.of("empty id", valid().set("ce-id", ""), "id"),
                Arguments.of("specversion 0.3", valid().set("ce-specversion", "0.3"), "specversion"),
                Arguments.of("specversion 2.0", valid().set("ce-specversion", "2.0"), "specversion"),
                Arguments.of("upper-case-only name is folded, dash is not", valid().add("ce-my-ext", "x"), "my-ext"),
                Arguments.of("underscore in name", valid().add("ce-my_ext", "x"), "my_ext"),
                Arguments.of("bad time", valid().add("ce-time", "yesterday"), "time"),
                Arguments.of("relative dataschema", valid().add("ce-dataschema", "/schema"), "dataschema"),
                Arguments.of("source not a uri", valid().set("ce-source", "a b%20c"), "source"),
                Arguments.of("bad percent encoding", valid().add("ce-note", "50%"), "note"),
                Arguments.of("invalid utf8", valid().add("ce-note", "%C3%28"), "note"),
                Arguments.of("duplicate header", valid().add("ce-id", "e-2"), "id"),
                Arguments.of(
                        "ce-datacontenttype header",
                        valid().add("ce-datacontenttype", "text/plain"),
                        "datacontenttype"),
                Arguments.of("empty subject", valid().add("ce-subject", ""), "subject"),
                Arguments.of("NUL in a value", valid().add("ce-note", "a%00b"), "note"),
                Arguments.of("C1 control in a value", valid().add("ce-note", "a%C2%85b"), "note"),
                Arguments.of("noncharacter in a value", valid().add("ce-note", "%EF%BF%BE"), "note"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void rejectsInvalidBinaryEventsNamingTheAttribute(String name, MultiMap headers, String attribute) {
        ReadResult result = BinaryModeReader.read(headers, new byte[0]);

        assertThat(result.events()).isEmpty();
        assertThat(result.rejection()).hasValueSatisfying(rejection -> {
            assertThat(rejection.status()).isEqualTo(400);
            assertThat(rejection.attribute()).contains(attribute);
        });
    }

    private static MultiMap without(String header) {
        return valid().remove(header);
    }
}
