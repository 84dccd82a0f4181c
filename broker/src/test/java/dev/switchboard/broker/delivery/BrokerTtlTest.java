package dev.switchboard.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerTtlTest {

    @ParameterizedTest(name = "ttl {0} → reply ttl {1}")
    @CsvSource(
            nullValues = "absent",
            value = {
                "absent, 254",
                "255,    254",
                "5,      4",
                "2,      1",
                "1,      absent",
                "0,      absent",
                "-3,     absent",
                "many,   254",
            })
    void computesTheReplyTtlFromTheTriggeringEvent(String ttl, Integer expected) {
        CloudEventBuilder builder = CloudEventBuilder.v1(Fixtures.jsonEvent());
        if (ttl != null) {
            builder.withExtension("knativebrokerttl", ttl);
        }

        OptionalInt next = new BrokerTtl().forReplyTo(builder.build());

        assertThat(next).isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
    }

    @ParameterizedTest
    @CsvSource({"7, 6", "1, -1"})
    void readsAnIntegerTtl(int ttl, int expected) {
        OptionalInt next = new BrokerTtl()
                .forReplyTo(CloudEventBuilder.v1(Fixtures.jsonEvent())
                        .withExtension("knativebrokerttl", ttl)
                        .build());

        assertThat(next).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
    }
}
