package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.app.SwitchboardServer;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backlog gauges of docs/operations.md on a running server: while the subscriber is down the trigger's lag counts
 * the undelivered events and the oldest-undelivered age grows; once it recovers both return to 0.
 */
@ExtendWith(KafkaExtension.class)
class TriggerBacklogIT {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void lagAndAgeGrowWhileTheSubscriberIsDownAndReturnToZero(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        Vertx vertx = Vertx.vertx();
        HttpServer subscriber = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> request.response()
                        .setStatusCode(up.get() ? 200 : 503)
                        .end()))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        String namespace = kafka.uniqueName("backlog");
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: default, namespace: %s}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: audit, namespace: %s}
                spec:
                  broker: default
                  subscriber: {uri: "http://127.0.0.1:%d/audit"}
                  delivery: {retry: 1000, backoffPolicy: linear, backoffDelay: PT0.2S}
                  # linear 0.2 s steps, capped: the events stay owed while the subscriber is down
                """.formatted(namespace, namespace, subscriber.actualPort()));
        ServerConfig config = new ConfigLoader()
                .load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "kafka.bootstrapServers", kafka.bootstrapServers(),
                                "kafka.partitions", "2",
                                "kafka.replicationFactor", "1",
                                "kafka.minInsyncReplicas", "1",
                                "ingress.host", "127.0.0.1",
                                "ingress.port", "0",
                                "ops.port", "0",
                                "dataDir", dir.resolve("data").toString(),
                                "resources", resources.toString()));
        try (SwitchboardServer server = SwitchboardServer.start(config)) {
            MeterRegistry registry = server.meterRegistry();
            for (int i = 0; i < 5; i++) {
                assertThat(post(server, namespace, "e-" + i)).isEqualTo(202);
            }

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(gauge(registry, MetricNames.TRIGGER_LAG_EVENTS, namespace))
                            .isEqualTo(5.0));
            double ageEarly = gauge(registry, MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, namespace);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            gauge(registry, MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, namespace))
                    .isGreaterThan(ageEarly)
                    .isGreaterThan(1.0));

            up.set(true);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(gauge(registry, MetricNames.TRIGGER_LAG_EVENTS, namespace))
                        .isZero();
                assertThat(gauge(registry, MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, namespace))
                        .isZero();
            });
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static double gauge(MeterRegistry registry, String name, String namespace) {
        Gauge gauge = registry.find(name)
                .tags(MetricNames.TAG_NAMESPACE, namespace, MetricNames.TAG_TRIGGER, "audit")
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private int post(SwitchboardServer server, String namespace, String id) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default"))
                                .header("ce-specversion", "1.0")
                                .header("ce-id", id)
                                .header("ce-source", "/backlog-it")
                                .header("ce-type", "com.example.audit")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
