package dev.switchboard.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentModeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL|BINARY",
                "application/json|BINARY",
                "text/plain; charset=utf-8|BINARY",
                "application/cloudevents+json|STRUCTURED",
                "Application/CloudEvents+JSON; charset=UTF-8|STRUCTURED",
                "application/cloudevents-batch+json|BATCH",
                "application/cloudevents+avro|UNSUPPORTED_FORMAT",
                "application/cloudevents+protobuf|UNSUPPORTED_FORMAT",
                "application/cloudevents-batch+xml|UNSUPPORTED_FORMAT",
                "application/cloudevents|UNSUPPORTED_FORMAT"
            })
    void decidesModeFromContentType(String contentType, ContentMode expected) {
        assertThat(ContentMode.of(contentType)).isEqualTo(expected);
    }
}
