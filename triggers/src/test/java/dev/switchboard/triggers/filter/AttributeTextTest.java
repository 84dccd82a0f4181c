package dev.switchboard.triggers.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "MISSING",
            value = {
                "id, e-1",
                "source, https://shop.example/orders",
                "specversion, 1.0",
                "type, com.example.order.created",
                "subject, order-42",
                "time, 2024-01-02T03:04:05.12Z",
                "datacontenttype, MISSING",
                "dataschema, MISSING",
                "region, eu",
                "empty, ''",
                "num, 42",
                "flag, true",
                "blob, AQID",
                "Region, MISSING",
                "TYPE, MISSING",
                "nosuchext, MISSING",
            })
    void rendersEveryAttributeKindCanonically(String name, String expected) {
        assertThat(AttributeText.of(Events.order(), name)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void rendersTimeWithItsOffsetAsTheSdkWritesIt() {
        var event = CloudEventBuilder.v1(Events.minimal())
                .withTime(OffsetDateTime.parse("2024-06-30T23:59:59+02:00"))
                .build();

        assertThat(AttributeText.of(event, "time")).contains("2024-06-30T23:59:59+02:00");
    }

    @Test
    void rendersDataschemaAsItsUri() {
        var event = CloudEventBuilder.v1(Events.minimal())
                .withDataSchema(URI.create("https://schemas.example/order.json"))
                .withDataContentType("application/json")
                .build();

        assertThat(AttributeText.of(event, "dataschema")).contains("https://schemas.example/order.json");
        assertThat(AttributeText.of(event, "datacontenttype")).contains("application/json");
    }

    @Test
    void readsSpecVersionOfAV03Event() {
        var event = CloudEventBuilder.v03(Events.minimal()).build();

        assertThat(AttributeText.of(event, "specversion")).contains("0.3");
    }
}
