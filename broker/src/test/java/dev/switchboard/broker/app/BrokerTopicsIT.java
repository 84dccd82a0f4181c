package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md "Broker annotations" and "External topics" on a running server against a real Kafka: topics
 * created with the annotated settings, an existing topic with other settings reported and left alone, an external topic
 * that any Kafka producer writes CloudEvents into (binary and structured mode, plain producer and the CloudEvents SDK's
 * serializer), a missing external topic, and records that are not CloudEvents skipped, counted and settled.
 */
@ExtendWith(KafkaExtension.class)
class BrokerTopicsIT {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final KafkaCluster kafka;
    private final Admin admin;
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private Vertx vertx;
    private HttpServer subscriber;

    BrokerTopicsIT(KafkaCluster kafka) {
        this.kafka = kafka;
        this.admin = kafka.admin();
    }

    @BeforeEach
    void startSubscriber() throws Exception {
        vertx = Vertx.vertx();
        subscriber = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(request.getHeader("ce-id"));
                    request.response().setStatusCode(200).end();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        admin.close();
    }

    @Test
    void createsTheTopicsWithTheAnnotatedSettingsAndKeepsDeadLettersForever(@TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("settings");
        String annotations = """
                    switchboard.dev/partitions: "3"
                    switchboard.dev/replication-factor: "1"
                    switchboard.dev/retention: P2D
                """;

        try (SwitchboardServer server = start(dir, broker(namespace, annotations))) {
            String events = "switchboard." + namespace + ".default";
            assertThat(describe(events).partitions()).hasSize(3);
            assertThat(describe(events).partitions().get(0).replicas()).hasSize(1);
            assertThat(config(events).get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(2).toMillis()));
            assertThat(describe(events + ".dlq").partitions()).hasSize(3);
            assertThat(config(events + ".dlq").get("retention.ms").value()).isEqualTo("-1");
            JsonObject broker = brokerStatus(server, namespace);
            assertThat(condition(broker, "Ready").getString("status")).isEqualTo("True");
            assertThat(condition(broker, "TopicSettingsMatch")).isNull();
        }
    }

    @Test
    void reportsAnExistingTopicWithOtherSettingsAndLeavesItAlone(@TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("existing");
        String events = "switchboard." + namespace + ".default";
        admin.createTopics(List.of(new NewTopic(events, 1, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                .all()
                .get(30, TimeUnit.SECONDS);
        String annotations = """
                    switchboard.dev/partitions: "2"
                    switchboard.dev/retention: P1D
                """;

        try (CapturedLogs logs = CapturedLogs.attach();
                SwitchboardServer server = start(dir, broker(namespace, annotations))) {
            JsonObject broker = brokerStatus(server, namespace);
            JsonObject warning = condition(broker, "TopicSettingsMatch");
            assertThat(warning.getString("status")).isEqualTo("False");
            assertThat(warning.getString("severity")).isEqualTo("Warning");
            assertThat(warning.getString("reason")).isEqualTo("TopicSettingsDiffer");
            assertThat(warning.getString("message"))
                    .contains("topic " + events + ": it has 1 partitions, not 2 as asked")
                    .contains("retention.ms is 3600000, not 86400000 as asked");
            assertThat(condition(broker, "Ready").getString("status")).isEqualTo("True");
            assertThat(describe(events).partitions()).hasSize(1);
            assertThat(config(events).get("retention.ms").value()).isEqualTo("3600000");
            assertThat(post(server, namespace, "still-routed")).isEqualTo(202);

            // a reload serves the broker again: the same finding is not logged again
            Files.writeString(
                    dir.resolve("resources.yaml"), broker(namespace, annotations) + trigger(namespace, "added"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(generation(server)).isEqualTo(2));
            assertThat(logs.containing("broker " + namespace + "/default: topic " + events))
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN").contains("left as it is"));
        }
    }

    @Test
    void routesCloudEventsThatAnyKafkaProducerWritesIntoAnExternalTopic(@TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("external");
        String topic = kafka.uniqueName("orders");
        createTopic(topic, 2);

        try (SwitchboardServer server =
                        start(dir, broker(namespace, externalTopic(topic)) + trigger(namespace, "orders"));
                KafkaProducer<String, byte[]> plain = plainProducer();
                KafkaProducer<String, CloudEvent> sdk = sdkProducer()) {
            plain.send(binaryRecord(topic, "plain-binary")).get(30, TimeUnit.SECONDS);
            plain.send(structuredRecord(topic, "plain-structured")).get(30, TimeUnit.SECONDS);
            sdk.send(new ProducerRecord<>(topic, "key", event("sdk-binary"))).get(30, TimeUnit.SECONDS);
            assertThat(post(server, namespace, "via-ingress")).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received)
                    .containsExactlyInAnyOrder("plain-binary", "plain-structured", "sdk-binary", "via-ingress"));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("the ingress wrote to the external topic, no topic of its own")
                    .doesNotContain("switchboard." + namespace + ".default")
                    .contains("switchboard." + namespace + ".default.dlq");
            assertThat(endOffsets(topic)).isEqualTo(4);
        }
    }

    @Test
    void skipsCountsAndSettlesRecordsThatAreNotCloudEvents(@TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("garbage");
        String topic = kafka.uniqueName("mixed");
        createTopic(topic, 1);

        try (SwitchboardServer server =
                        start(dir, broker(namespace, externalTopic(topic)) + trigger(namespace, "orders"));
                KafkaProducer<String, byte[]> plain = plainProducer()) {
            plain.send(binaryRecord(topic, "good-1"));
            plain.send(new ProducerRecord<>(topic, "no ce_ headers".getBytes(StandardCharsets.UTF_8)));
            plain.send(binaryRecord(topic, "good-2"));
            ProducerRecord<String, byte[]> badJson =
                    new ProducerRecord<>(topic, "{\"specversion\": ".getBytes(StandardCharsets.UTF_8));
            badJson.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            plain.send(badJson);
            ProducerRecord<String, byte[]> noId = binaryRecord(topic, "unused");
            noId.headers().remove("ce_id");
            plain.send(noId);
            plain.send(structuredRecord(topic, "good-3"));
            plain.flush();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(received).containsExactlyInAnyOrder("good-1", "good-2", "good-3"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(skipped(server, namespace, "not_cloudevent")).isEqualTo(1);
                assertThat(skipped(server, namespace, "malformed")).isEqualTo(1);
                assertThat(skipped(server, namespace, "invalid_attribute")).isEqualTo(1);
            });
            String group = "switchboard." + namespace + ".default.orders";
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(committed(group, topic)).isEqualTo(6));
        }
    }

    @Test
    void aMissingExternalTopicMakesTheBrokerNotReadyUntilItIsCreated(@TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("missing");
        String topic = kafka.uniqueName("later");

        try (SwitchboardServer server = start(
                        dir,
                        broker(namespace, externalTopic(topic))
                                + trigger(namespace, "orders")
                                        .replace(
                                                "annotations: {}",
                                                "annotations: {switchboard.dev/start-from: earliest}"));
                KafkaProducer<String, byte[]> plain = plainProducer()) {
            JsonObject broker = brokerStatus(server, namespace);
            assertThat(condition(broker, "Ready").getString("status")).isEqualTo("False");
            assertThat(condition(broker, "Ready").getString("reason")).isEqualTo("TopicNotFound");
            assertThat(condition(broker, "Ready").getString("message")).contains(topic);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
            JsonObject trigger = resourceStatus(server, "triggers", namespace);
            assertThat(condition(trigger, "Ready").getString("status")).isEqualTo("False");
            assertThat(condition(trigger, "Ready").getString("reason")).isEqualTo("BrokerNotReady");

            createTopic(topic, 1);
            plain.send(binaryRecord(topic, "after-creation")).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(condition(brokerStatus(server, namespace), "Ready").getString("status"))
                        .isEqualTo("True");
                assertThat(received).containsExactly("after-creation");
                assertThat(condition(resourceStatus(server, "triggers", namespace), "Ready")
                                .getString("status"))
                        .isEqualTo("True");
            });
        }
    }

    // ---- the server ------------------------------------------------------------------------------------------

    private SwitchboardServer start(Path dir, String yaml) throws Exception {
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, yaml);
        ServerConfig config = new ConfigLoader()
                .load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "kafka.bootstrapServers", kafka.bootstrapServers(),
                                "kafka.partitions", "1",
                                "kafka.replicationFactor", "1",
                                "kafka.minInsyncReplicas", "1",
                                "ingress.host", "127.0.0.1",
                                "ingress.port", "0",
                                "ops.port", "0",
                                "dataDir", dir.resolve("data").toString(),
                                "resources", resources.toString()));
        return SwitchboardServer.start(config);
    }

    private static String broker(String namespace, String annotations) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: %s
                  annotations:
                %s""".formatted(namespace, annotations);
    }

    private static String externalTopic(String topic) {
        return "    kafka.eventing.knative.dev/external.topic: " + topic + "\n";
    }

    private String trigger(String namespace, String name) {
        return """
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {}
                spec:
                  broker: default
                  filter: {attributes: {type: com.example.order}}
                  subscriber: {uri: "http://127.0.0.1:%d/orders"}
                """.formatted(name, namespace, subscriber.actualPort());
    }

    private JsonObject brokerStatus(SwitchboardServer server, String namespace) throws Exception {
        return resourceStatus(server, "brokers", namespace);
    }

    /** The status of the first item of {@code /api/v1/{kind}} in {@code namespace}. */
    private JsonObject resourceStatus(SwitchboardServer server, String kind, String namespace) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ops() + "/api/v1/" + kind))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        JsonArray items = new JsonObject(body).getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (namespace.equals(item.getJsonObject("metadata").getString("namespace"))) {
                return item.getJsonObject("status");
            }
        }
        throw new AssertionError("no " + kind + " in " + namespace + ": " + body);
    }

    private long generation(SwitchboardServer server) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ops() + "/api/v1/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new JsonObject(body).getLong("generation");
    }

    private static JsonObject condition(JsonObject status, String type) {
        JsonArray conditions = status.getJsonArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.getJsonObject(i).getString("type"))) {
                return conditions.getJsonObject(i);
            }
        }
        return null;
    }

    private int post(SwitchboardServer server, String namespace, String id) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default"))
                                .header("ce-specversion", "1.0")
                                .header("ce-id", id)
                                .header("ce-source", "/broker-topics-it")
                                .header("ce-type", "com.example.order")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double skipped(SwitchboardServer server, String namespace, String reason) {
        Counter counter = server.meterRegistry()
                .find(MetricNames.RECORDS_SKIPPED)
                .tags(MetricNames.TAG_NAMESPACE, namespace, MetricNames.TAG_BROKER, "default", "reason", reason)
                .counter();
        return counter == null ? -1 : counter.count();
    }

    // ---- Kafka -----------------------------------------------------------------------------------------------

    private KafkaProducer<String, byte[]> plainProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The CloudEvents SDK's Kafka serializer, binary mode (its default). */
    private KafkaProducer<String, CloudEvent> sdkProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new CloudEventSerializer());
    }

    /** CloudEvents Kafka binding §3.2.3: {@code ce_} headers, data as the value. */
    private static ProducerRecord<String, byte[]> binaryRecord(String topic, String id) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, "key", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", "/plain-producer");
        header(record, "ce_type", "com.example.order");
        header(record, "content-type", "application/json");
        return record;
    }

    /** CloudEvents Kafka binding §3.1: the whole event as JSON, {@code content-type: application/cloudevents+json}. */
    private static ProducerRecord<String, byte[]> structuredRecord(String topic, String id) {
        JsonObject event = new JsonObject()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", "/plain-producer")
                .put("type", "com.example.order")
                .put("datacontenttype", "application/json")
                .put("data", new JsonObject().put("n", 2));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, "key", event.toBuffer().getBytes());
        header(record, "content-type", "application/cloudevents+json; charset=utf-8");
        return record;
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/sdk-producer"))
                .withType("com.example.order")
                .withData("application/json", "{\"n\":3}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get(30, TimeUnit.SECONDS);
    }

    private Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
    }

    private long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        describe(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }
}
