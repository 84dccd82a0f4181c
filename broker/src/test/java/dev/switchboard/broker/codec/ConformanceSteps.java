package dev.switchboard.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.broker.log.KafkaRecordMapper;
import dev.switchboard.broker.log.KafkaRecordReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.types.Time;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.And;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Step definitions for the CloudEvents conformance features, bound to Switchboard's own parsing: HTTP
 * requests go through the ingress {@link EventReader}; Kafka records through {@link KafkaRecordReader};
 * and every parsed event also makes the round trip through {@link KafkaRecordMapper} (what ingress
 * stores) and back, which must not change it.
 */
public class ConformanceSteps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventReader reader = new EventReader();
    private MultiMap httpHeaders;
    private byte[] httpBody;
    private byte[] kafkaPayload;
    private RecordHeaders kafkaHeaders = new RecordHeaders();
    private CloudEvent parsed;

    @Given("HTTP Protocol Binding is supported")
    public void httpBindingIsSupported() {}

    @Given("Kafka Protocol Binding is supported")
    public void kafkaBindingIsSupported() {}

    @Given("an HTTP request")
    public void anHttpRequest(String raw) {
        String text = raw.replace("\r\n", "\n");
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? "" : text.substring(blank + 2);
        httpHeaders = MultiMap.caseInsensitiveMultiMap();
        String[] lines = head.split("\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            httpHeaders.add(
                    lines[i].substring(0, colon).trim(),
                    lines[i].substring(colon + 1).trim());
        }
        httpBody = body.getBytes(StandardCharsets.UTF_8);
    }

    @When("parsed as HTTP request")
    public void parsedAsHttpRequest() {
        ReadResult result = reader.read(httpHeaders, httpBody);
        assertThat(result.rejection()).as("rejection").isEmpty();
        assertThat(result.events()).hasSize(1);
        parsed = roundTripThroughKafka(result.events().get(0));
    }

    @Given("a Kafka message with payload:")
    public void aKafkaMessageWithPayload(String payload) {
        kafkaPayload = payload.getBytes(StandardCharsets.UTF_8);
    }

    @And("Kafka headers:")
    public void kafkaHeaders(DataTable table) {
        kafkaHeaders = new RecordHeaders();
        for (Map<String, String> row : table.asMaps()) {
            kafkaHeaders.add(row.get("key").trim(), row.get("value").trim().getBytes(StandardCharsets.UTF_8));
        }
    }

    @When("parsed as Kafka message")
    public void parsedAsKafkaMessage() {
        parsed = roundTripThroughKafka(KafkaRecordReader.toEvent(kafkaHeaders, kafkaPayload));
    }

    @Then("the attributes are:")
    public void theAttributesAre(DataTable table) {
        for (Map<String, String> row : table.asMaps()) {
            String key = row.get("key").trim();
            String expected = row.get("value").trim();
            Object actual = parsed.getAttribute(key);
            if (actual instanceof OffsetDateTime time) {
                assertThat(time).as(key).isEqualTo(Time.parseTime(expected));
            } else {
                assertThat(String.valueOf(actual)).as(key).isEqualTo(expected);
            }
        }
    }

    @And("the data is equal to the following JSON:")
    public void theDataIsEqualToTheFollowingJson(String expected) throws Exception {
        assertThat(parsed.getData()).isNotNull();
        assertThat(JSON.readTree(parsed.getData().toBytes())).isEqualTo(JSON.readTree(expected));
    }

    private static CloudEvent roundTripThroughKafka(CloudEvent event) {
        ProducerRecord<String, byte[]> record = KafkaRecordMapper.toRecord("conformance", event, 0L, Map.of());
        CloudEvent back = KafkaRecordReader.toEvent(record.headers(), record.value());
        for (String name : event.getAttributeNames()) {
            assertThat(back.getAttribute(name))
                    .as("attribute %s after the Kafka round trip", name)
                    .isEqualTo(event.getAttribute(name));
        }
        for (String name : event.getExtensionNames()) {
            assertThat(back.getExtension(name))
                    .as("extension %s after the Kafka round trip", name)
                    .isEqualTo(event.getExtension(name));
        }
        assertThat(back.getAttributeNames()).containsExactlyInAnyOrderElementsOf(event.getAttributeNames());
        assertThat(back.getExtensionNames()).containsExactlyInAnyOrderElementsOf(event.getExtensionNames());
        assertThat(back.getData() == null ? null : back.getData().toBytes())
                .as("data after the Kafka round trip")
                .isEqualTo(event.getData() == null ? null : event.getData().toBytes());
        return back;
    }
}
