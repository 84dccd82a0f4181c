package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.log.EmbeddedKafka;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.TopicReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away under the ingress: requests get 503 with Retry-After within the request deadline, and
 * what was accepted before is still in the log after Kafka restarts on the same data directory.
 */
class IngressKafkaDownIT {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final String TOPIC = "switchboard.default.default";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dataDir;

    @Test
    void answers503WithinTheDeadlineAndKeepsWhatWasAccepted() throws Exception {
        List<String> accepted = new ArrayList<>();
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        try (IngressFixture ingress = startIngress(kafka)) {
            for (int i = 0; i < 20; i++) {
                String id = "before-" + i;
                assertThat(ingress.send(id).statusCode()).isEqualTo(202);
                accepted.add(id);
            }

            kafka.stop();

            long start = System.nanoTime();
            HttpResponse<String> response = ingress.send("during-outage");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            value -> assertThat(Integer.parseInt(value)).isPositive());
            assertThat(response.body()).contains("\"error\"");
            assertThat(took).isLessThan(DEADLINE.plusSeconds(2));
        }

        try (EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, 0);
                TopicReader reader = new TopicReader(restarted.bootstrapServers(), TOPIC)) {
            List<String> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ids.clear();
                for (ConsumerRecord<String, byte[]> record : reader.poll()) {
                    ids.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                }
                assertThat(ids).containsAll(accepted);
            });
        }
    }

    private static IngressFixture startIngress(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(new TopicSpec(TOPIC, 2, (short) 1, 1));
        }
        return new IngressFixture(
                kafka.bootstrapServers(),
                new IngressLimits(64 * 1024, 100, DEADLINE, Duration.ofSeconds(30)),
                Map.of("default/default", TOPIC));
    }
}
