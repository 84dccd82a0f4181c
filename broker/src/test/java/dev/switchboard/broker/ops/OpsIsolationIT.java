package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.app.SwitchboardServer;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole Switchboard as {@code run} wires it: while an ops request is stuck (a scrape whose gauge blocks until the
 * test lets it go), producers still get their 202 from the ingress and the ops listener still answers its health
 * checks. The stuck work runs on the ops server's worker pool, never on an event loop.
 */
@ExtendWith(KafkaExtension.class)
class OpsIsolationIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private SwitchboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ingressAcceptsEventsWhileAnOpsRequestIsStuck(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String namespace = kafka.uniqueName("iso");
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
                                "dataDir", dir.resolve("data").toString()));
        server = SwitchboardServer.start(config);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> stuckOn = new AtomicReference<>();
        Gauge.builder("test.stuck", () -> {
                    stuckOn.set(Thread.currentThread().getName());
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 1;
                })
                .register(server.meterRegistry());

        CompletableFuture<HttpResponse<String>> scrape;
        try {
            scrape = http.sendAsync(
                    HttpRequest.newBuilder(ops("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).until(() -> stuckOn.get() != null);

            for (int i = 0; i < 5; i++) {
                assertThat(postEvent(namespace, "while-stuck-" + i)).isEqualTo(202);
            }
            assertThat(http.send(HttpRequest.newBuilder(ops("/livez")).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(scrape).as("the scrape is still stuck").isNotDone();
            assertThat(stuckOn.get()).startsWith(OffLoopAnswers.POOL_NAME);
        } finally {
            release.countDown();
        }
        assertThat(scrape.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private URI ops(String path) {
        return URI.create("http://127.0.0.1:" + server.ports().ops() + path);
    }

    private int postEvent(String namespace, String id) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ingress() + "/default/default"))
                                .timeout(Duration.ofSeconds(30))
                                .header("ce-specversion", "1.0")
                                .header("ce-id", id)
                                .header("ce-type", "com.example.t")
                                .header("ce-source", "/" + namespace)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
