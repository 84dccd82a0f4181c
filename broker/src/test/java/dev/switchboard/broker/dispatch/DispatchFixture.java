package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.HttpEventDelivery;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.triggers.filter.CesqlErrorListener;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.ResourceSet;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A real dispatch stage for one test: the test's own namespace and broker topics (3 partitions) on the shared
 * Kafka, the real log appender, the real HTTP delivery, and a {@link Dispatcher} with Kafka cursors.
 */
final class DispatchFixture implements AutoCloseable {
    static final String BROKER = "b";

    final String namespace;
    final KafkaCluster kafka;
    final Vertx vertx = Vertx.vertx();
    final Admin admin;
    final KafkaEventAppender appender;
    final HttpEventDelivery delivery;
    final Dispatcher dispatcher;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Subscriber> subscribers = new ArrayList<>();

    DispatchFixture(KafkaCluster kafka) {
        this(kafka, kafka.uniqueName("ns"), "test-" + UUID.randomUUID());
    }

    DispatchFixture(KafkaCluster kafka, String namespace, String instanceId) {
        this.namespace = namespace;
        this.kafka = kafka;
        this.admin = kafka.admin();
        new TopicProvisioner(admin, Duration.ofSeconds(30))
                .ensureAll(List.of(
                        new TopicSpec(topic(), 3, (short) 1, 1),
                        new TopicSpec(TopicNames.deadLetters(namespace, BROKER), 3, (short) 1, 1)));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaProducerSettings.of(kafka.bootstrapServers(), 1 << 20, Duration.ofSeconds(30), Map.of()));
        appender = new KafkaEventAppender(vertx, producer, Clock.systemUTC());
        delivery = HttpEventDelivery.create(
                vertx, appender, new SimpleMeterRegistry(), Clock.systemUTC(), RandomGenerator.getDefault());
        CursorSettings settings =
                new CursorSettings(kafka.bootstrapServers(), Map.of(), instanceId, Duration.ofSeconds(30));
        dispatcher = new Dispatcher(
                new SharedReaderCursorFactory(
                        settings,
                        admin,
                        vertx,
                        delivery,
                        new FilterCompiler(CesqlErrorListener.ignoring()),
                        new TriggerBacklogs(registry, Clock.systemUTC())),
                Duration.ofSeconds(5),
                delivery::release);
    }

    String topic() {
        return TopicNames.events(namespace, BROKER);
    }

    String deadLetterTopic() {
        return TopicNames.deadLetters(namespace, BROKER);
    }

    ResourceYaml resources() {
        return ResourceYaml.in(namespace).broker(BROKER);
    }

    void apply(ResourceSet resources) {
        dispatcher.apply(resources);
    }

    Subscriber subscriber() throws Exception {
        Subscriber subscriber = Subscriber.start(vertx);
        subscribers.add(subscriber);
        return subscriber;
    }

    /** Stores events {@code prefix-from} .. {@code prefix-(from+count-1)} of type {@code type}, in order per key. */
    List<String> send(String prefix, int from, int count, String type, IntFunction<String> partitionKey) {
        List<String> ids = new ArrayList<>();
        List<Future<Void>> acks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String id = prefix + "-" + i;
            CloudEventBuilder event = CloudEventBuilder.v1()
                    .withId(id)
                    .withSource(URI.create("/dispatch-test"))
                    .withType(type)
                    .withData("text/plain", id.getBytes(StandardCharsets.UTF_8));
            String key = partitionKey == null ? null : partitionKey.apply(i);
            if (key != null) {
                event.withExtension("partitionkey", key);
            }
            acks.add(appender.append(topic(), event.build(), Map.of()));
            ids.add(id);
        }
        Future.all(acks).await();
        return ids;
    }

    /** Stores one event per entry (id to type), all in flight at once, and waits for every acknowledgement. */
    void send(Map<String, String> typesById) {
        List<Future<Void>> acks = new ArrayList<>();
        typesById.forEach((id, type) -> acks.add(appender.append(
                topic(),
                CloudEventBuilder.v1()
                        .withId(id)
                        .withSource(URI.create("/dispatch-test"))
                        .withType(type)
                        .build(),
                Map.of())));
        Future.all(acks).await();
    }

    List<String> send(String prefix, int count) {
        return send(prefix, 0, count, "test.event", null);
    }

    CloudEvent event(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/dispatch-test"))
                .withType("test.event")
                .build();
    }

    @Override
    public void close() throws Exception {
        dispatcher.drainAndStop(Duration.ofSeconds(2));
        delivery.close().await(10, TimeUnit.SECONDS);
        for (Subscriber subscriber : subscribers) {
            subscriber.close();
        }
        appender.close(5_000);
        admin.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
