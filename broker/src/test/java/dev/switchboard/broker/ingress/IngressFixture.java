package dev.switchboard.broker.ingress;

import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A real ingress (Vert.x server, shared idempotent producer) in front of a real Kafka, for one test class. */
final class IngressFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngressServer server;
    final KafkaEventAppender appender;
    final int port;

    IngressFixture(String bootstrapServers, IngressLimits limits, Map<String, String> topicByBroker) throws Exception {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaProducerSettings.of(bootstrapServers, limits.maxEventBytes(), limits.requestTimeout(), Map.of()));
        appender = new KafkaEventAppender(vertx, producer, Clock.systemUTC());
        BrokerDirectory brokers = (namespace, name) -> Optional.ofNullable(topicByBroker.get(namespace + "/" + name));
        server = new IngressServer(vertx, limits, appender, brokers, () -> true, registry);
        port = server.listen("127.0.0.1", 0, 2).await(30, TimeUnit.SECONDS);
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
