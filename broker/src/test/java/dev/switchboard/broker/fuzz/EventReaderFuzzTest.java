package dev.switchboard.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.codec.ReadResult;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the ingress parsing path (docs/ingress.md): any headers and body given to {@link EventReader} end as events or
 * a rejection, never an unexpected exception. Under plain JUnit the inputs of {@code EventReaderFuzzTestInputs}
 * replay as a regression suite; {@code JAZZER_FUZZ=1} fuzzes.
 */
@Tag("fuzz")
class EventReaderFuzzTest {
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/cloudevents+json",
        "application/cloudevents+json; charset=utf-8",
        "application/cloudevents-batch+json",
        "application/cloudevents+xml",
        "text/plain",
        "application/octet-stream",
    };
    private static final String[] HEADERS = {
        "ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time", "ce-subject", "ce-dataschema",
        "ce-datacontenttype", "ce-partitionkey", "ce-knativebrokerttl", "ce-authtype", "ce-", "ce-Ünï", "content-type"
    };

    private final EventReader reader = new EventReader();

    @FuzzTest(maxDuration = "3m")
    void readsAnyRequestIntoEventsOrARejection(FuzzedDataProvider data) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (data.consumeBoolean()) {
            headers.add("content-type", data.pickValue(CONTENT_TYPES));
        } else if (data.consumeBoolean()) {
            headers.add("content-type", data.consumeString(60));
        }
        if (data.consumeBoolean()) {
            headers.add("ce-specversion", "1.0")
                    .add("ce-id", "1")
                    .add("ce-source", "/s")
                    .add("ce-type", "t");
        }
        int extra = data.consumeInt(0, 8);
        for (int i = 0; i < extra; i++) {
            headers.add(data.pickValue(HEADERS), data.consumeString(80));
        }
        byte[] body = data.consumeRemainingAsBytes();

        ReadResult result = reader.read(headers, body);

        assertThat(result.events().isEmpty()).isEqualTo(result.rejection().isPresent());
    }
}
