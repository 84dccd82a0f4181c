package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.broker.testing.TopicReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ingress contract of docs/ingress.md as a table of requests against the real Vert.x server and the embedded
 * Kafka: each request's status and error attribute, and for every accepted event the record read back
 * from the topic with the CloudEvents Kafka deserializer, compared attribute by attribute and byte by byte.
 */
@ExtendWith(KafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngressIT {
    private static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> ACCEPTED_IDS = ConcurrentHashMap.newKeySet();

    private static IngressFixture ingress;
    private static TopicReader topic;
    private static String bootstrap;

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        bootstrap = kafka.bootstrapServers();
        String topicName = kafka.uniqueName("ingress");
        try (var admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(new TopicSpec(topicName, 3, (short) 1, 1));
        }
        ingress = new IngressFixture(
                bootstrap,
                new IngressLimits(MAX_EVENT_BYTES, 1000, Duration.ofSeconds(10), Duration.ofSeconds(60)),
                Map.of("team-a/orders", topicName));
        topic = new TopicReader(bootstrap, topicName);
    }

    @AfterAll
    static void stop() throws Exception {
        topic.close();
        ingress.close();
    }

    static List<IngressCase> cases() {
        return IngressCases.all();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersEachRequestAsTheContractSays(IngressCase c) throws Exception {
        HttpResponse<String> response = HTTP.send(request(c), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(c.status());
        c.responseHeaders()
                .forEach((name, value) -> assertThat(response.headers().firstValue(name))
                        .as("header " + name)
                        .contains(value));
        if (c.status() >= 400 && c.status() != 405 || c.errorAttribute() != null) {
            JsonObject body = new JsonObject(response.body());
            assertThat(body.getString("error")).isNotBlank();
            assertThat(body.getString("attribute")).isEqualTo(c.errorAttribute());
        }
        if (c.status() == 202) {
            Instant acceptedBy = Instant.now();
            ACCEPTED_IDS.addAll(c.stored().stream().map(StoredEvent::id).toList());
            for (StoredEvent expected : c.stored()) {
                ConsumerRecord<String, byte[]> record = awaitRecord(expected.id());
                assertStored(record, expected, acceptedBy);
            }
        }
    }

    @Order(2)
    @Test
    void nothingRejectedReachedKafka() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ids(topic.poll())).containsAll(ACCEPTED_IDS));
        List<String> ids = ids(topic.poll());
        assertThat(new HashSet<>(ids)).isEqualTo(ACCEPTED_IDS);
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Order(3)
    @Test
    void countsAnsweredRequestsByCode() {
        double accepted = ingress.registry
                .get("switchboard.ingress.events")
                .tags("namespace", "team-a", "broker", "orders", "code", "202")
                .counter()
                .count();
        double invalid = ingress.registry
                .get("switchboard.ingress.events")
                .tags("namespace", "team-a", "broker", "orders", "code", "400")
                .counter()
                .count();
        long expectedAccepted = IngressCases.all().stream()
                .filter(c -> c.status() == 202)
                .mapToLong(c -> c.stored().size())
                .sum();
        long expectedInvalid =
                IngressCases.all().stream().filter(c -> c.status() == 400).count();
        assertThat(accepted).isEqualTo(expectedAccepted);
        assertThat(invalid).isEqualTo(expectedInvalid);
    }

    private static HttpRequest request(IngressCase c) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(ingress.uri(c.path())).timeout(Duration.ofSeconds(30));
        c.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        HttpRequest.BodyPublisher body = c.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        return builder.method(c.method(), body).build();
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String id) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            topic.poll().stream().filter(r -> id.equals(header(r, "ce_id"))).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static void assertStored(ConsumerRecord<String, byte[]> record, StoredEvent expected, Instant acceptedBy) {
        Map<String, String> ceHeaders = new java.util.TreeMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_")) {
                ceHeaders.put(header.key().substring(3), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> expectedAttributes = new java.util.TreeMap<>(expected.attributes());
        if (expectedAttributes.containsKey("time")) {
            assertThat(OffsetDateTime.parse(ceHeaders.remove("time")).toInstant())
                    .isEqualTo(OffsetDateTime.parse(expectedAttributes.remove("time"))
                            .toInstant());
        }
        assertThat(ceHeaders).as("ce_ headers of %s", expected.id()).isEqualTo(expectedAttributes);
        assertThat(header(record, "content-type")).isEqualTo(expected.contentType());
        assertThat(record.value()).as("data of %s", expected.id()).isEqualTo(expected.data());
        assertThat(record.key()).isEqualTo(expected.key());
        assertThat(Instant.ofEpochMilli(record.timestamp())).isBeforeOrEqualTo(acceptedBy);

        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            CloudEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            assertThat(event.getId()).isEqualTo(expected.id());
            assertThat(event.getData() == null ? null : event.getData().toBytes())
                    .isEqualTo(expected.data());
        }
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, "ce_id")).collect(Collectors.toList());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
