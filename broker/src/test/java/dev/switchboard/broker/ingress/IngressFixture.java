package dev.switchboard.broker.ingress;

import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.triggers.model.BrokerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A real ingress (Vert.x server, shared idempotent producer) in front of a real Kafka, for one test class. */
final class IngressFixture implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngressServer server;
    final KafkaEventAppender appender;
    final int port;

    /** Creates a one-partition topic named after {@code prefix} and starts an ingress sending default/default to it. */
    static IngressFixture onNewTopic(KafkaCluster kafka, String prefix, IngressLimits limits) throws Exception {
        String topic = kafka.uniqueName(prefix);
        try (var admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(new TopicSpec(topic, 1, (short) 1, 1));
        }
        return new IngressFixture(kafka.bootstrapServers(), limits, Map.of("default/default", topic));
    }

    IngressFixture(String bootstrapServers, IngressLimits limits, Map<String, String> topicByBroker) throws Exception {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaProducerSettings.of(bootstrapServers, limits.maxEventBytes(), limits.requestTimeout(), Map.of()));
        appender = new KafkaEventAppender(vertx, producer, Clock.systemUTC());
        BrokerDirectory brokers = (namespace, name) -> Optional.ofNullable(topicByBroker.get(namespace + "/" + name))
                .map(topic -> new BrokerRoute(
                        topic, BrokerOptions.defaults(), URI.create("http://127.0.0.1/" + namespace + "/" + name)));
        server = new IngressServer(vertx, limits, appender, brokers, () -> true, registry);
        port = server.listen("127.0.0.1", 0, 2).await(30, TimeUnit.SECONDS);
    }

    /** POSTs a small binary-mode JSON event with {@code id} to {@code default/default} over HTTP/1.1. */
    HttpResponse<String> send(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/default/default"))
                .timeout(Duration.ofSeconds(30))
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/ingress-test")
                .header("ce-type", "com.example.test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        appender.close(5_000);
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
