package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.KafkaRecordReader;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.broker.testing.TopicReader;
import dev.switchboard.triggers.model.ReplyMode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery paths that end in Kafka (docs/delivery.md "Dead-letter", "Reply") against a real broker: parked dead
 * letters and published replies are read back with the CloudEvents Kafka deserializer, as any consumer would.
 */
@ExtendWith(KafkaExtension.class)
class DeliveryKafkaIT {
    private static Vertx vertx;
    private static KafkaEventAppender appender;
    private static KafkaCluster kafka;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpEventDelivery delivery;
    private String brokerTopic;

    @BeforeAll
    static void start(KafkaCluster cluster) {
        kafka = cluster;
        vertx = Vertx.vertx();
        appender = new KafkaEventAppender(
                vertx,
                new KafkaProducer<>(KafkaProducerSettings.of(
                        cluster.bootstrapServers(), 1_048_576, Duration.ofSeconds(10), Map.of())),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        appender.close(5_000);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void createTopicsAndDelivery() throws Exception {
        brokerTopic = kafka.uniqueName("switchboard.shop.default");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(brokerTopic, 1, (short) 1), new NewTopic(brokerTopic + ".dlq", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        delivery = HttpEventDelivery.create(vertx, appender, registry, Clock.systemUTC(), new SplittableRandom(11));
    }

    @Test
    void parksTheEventInTheDeadLetterTopicWhenThereIsNoSink() throws Exception {
        CloudEvent event = Fixtures.event();
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, Answer.of(422, "unprocessable"))) {
            Settlement settlement = deliver(subscriber.uri("/in"), Optional.empty(), ReplyMode.PUBLISH, event, 2);

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            ConsumerRecord<String, byte[]> parked = only(brokerTopic + ".dlq");
            CloudEvent read = KafkaRecordReader.toEvent(parked);
            assertThat(read.getId()).isEqualTo(event.getId());
            assertThat(read.getSubject()).isEqualTo(event.getSubject());
            assertThat(read.getExtension("region")).isEqualTo("eu west");
            assertThat(read.getData().toBytes()).isEqualTo(event.getData().toBytes());
            assertThat(parked.value()).isEqualTo(event.getData().toBytes());
            assertThat(read.getExtension("knativeerrordest"))
                    .isEqualTo(subscriber.uri("/in").toString());
            assertThat(read.getExtension("knativeerrorcode")).isEqualTo("422");
            assertThat(read.getExtension("knativeerrordata"))
                    .isEqualTo(Base64.getEncoder().encodeToString("unprocessable".getBytes(StandardCharsets.UTF_8)));
            assertThat(header(parked, ParkedEventHeaders.TRIGGER)).isEqualTo("shop/billing");
            assertThat(header(parked, ParkedEventHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(header(parked, ParkedEventHeaders.ORIGIN_TOPIC)).isEqualTo("switchboard.shop.default");
            assertThat(header(parked, ParkedEventHeaders.ORIGIN_PARTITION)).isEqualTo("2");
            assertThat(header(parked, ParkedEventHeaders.ORIGIN_OFFSET)).isEqualTo("41");
            assertThat(header(parked, ParkedEventHeaders.REASON)).contains("422");
            assertThat(header(parked, "traceparent")).isEqualTo(Fixtures.TRACEPARENT);
            assertThat(registry.get(MetricNames.DEAD_LETTERS)
                            .tag(MetricNames.TAG_DESTINATION, "topic")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void parksTheEventWhenTheSinkIsDown() throws Exception {
        URI deadSink = URI.create("http://127.0.0.1:" + unusedPort() + "/dead");
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, Answer.of(500, "boom"))) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.of(deadSink), ReplyMode.PUBLISH, Fixtures.event(), 1);

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            assertThat(subscriber.received()).hasSize(2);
            ConsumerRecord<String, byte[]> parked = only(brokerTopic + ".dlq");
            CloudEvent read = KafkaRecordReader.toEvent(parked);
            assertThat(read.getExtension("knativeerrorcode")).isEqualTo("500");
            assertThat(read.getExtension("knativeerrordest"))
                    .isEqualTo(subscriber.uri().toString());
            assertThat(read.getData().toBytes())
                    .isEqualTo(Fixtures.event().getData().toBytes());
            assertThat(header(parked, ParkedEventHeaders.ATTEMPTS)).isEqualTo("2");
            assertThat(header(parked, ParkedEventHeaders.REASON)).contains("dead-letter sink " + deadSink);
        }
    }

    @Test
    void publishesABinaryReplyIntoTheBrokerWithTtl254() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, ReplyHandlingTest.binaryReply())) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, Fixtures.jsonEvent(), 0);

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            ConsumerRecord<String, byte[]> reply = only(brokerTopic);
            CloudEvent read = KafkaRecordReader.toEvent(reply);
            assertThat(read.getId()).isEqualTo("reply-1");
            assertThat(read.getType()).isEqualTo("com.example.invoice.created");
            assertThat(read.getExtension("knativebrokerttl")).hasToString("254");
            assertThat(new String(read.getData().toBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"invoice\":7}");
            assertThat(header(reply, "traceparent")).isEqualTo(Fixtures.TRACEPARENT);
            assertThat(registry.get(MetricNames.REPLIES)
                            .tag(MetricNames.TAG_RESULT, "published")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void publishesAStructuredReplyWithTheTtlOneBelowTheTriggeringEvents() throws Exception {
        String structured = "{\"specversion\":\"1.0\",\"id\":\"reply-2\",\"source\":\"/billing\","
                + "\"type\":\"com.example.invoice.created\",\"datacontenttype\":\"application/json\","
                + "\"knativebrokerttl\":99,\"data\":{\"invoice\":8}}";
        Answer reply = Answer.of(200, structured).with("Content-Type", "application/cloudevents+json");
        CloudEvent fifthHop = CloudEventBuilder.v1(Fixtures.jsonEvent())
                .withExtension("knativebrokerttl", "5")
                .build();
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, reply)) {
            Settlement settlement = deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, fifthHop, 0);

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            CloudEvent read = KafkaRecordReader.toEvent(only(brokerTopic));
            assertThat(read.getId()).isEqualTo("reply-2");
            assertThat(read.getExtension("knativebrokerttl")).hasToString("4");
            assertThat(new String(read.getData().toBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"invoice\":8}");
        }
    }

    private Settlement deliver(URI subscriber, Optional<URI> sink, ReplyMode mode, CloudEvent event, int retry)
            throws Exception {
        DeliveryTarget target =
                Fixtures.target(subscriber, sink, policy(retry, Duration.ofSeconds(5)), mode, brokerTopic);
        return delivery.deliver(target, inbound(event)).await(60, TimeUnit.SECONDS);
    }

    private static ConsumerRecord<String, byte[]> only(String topic) {
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
            return await().atMost(Duration.ofSeconds(30))
                    .until(reader::poll, records -> !records.isEmpty())
                    .get(0);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
