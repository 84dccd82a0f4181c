package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.broker.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The bad-input corpus: each hostile request gets its status, the server still serves the next valid
 * request, and nothing but the valid requests reached Kafka.
 */
@ExtendWith(KafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngressHostileInputIT {
    private static final Set<String> VALID_IDS = ConcurrentHashMap.newKeySet();
    private static IngressFixture ingress;
    private static String topic;
    private static String bootstrap;

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        bootstrap = kafka.bootstrapServers();
        topic = kafka.uniqueName("hostile");
        try (var admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(new TopicSpec(topic, 2, (short) 1, 1));
        }
        ingress = new IngressFixture(
                bootstrap,
                new IngressLimits(64 * 1024, 100, Duration.ofSeconds(5), Duration.ofSeconds(30)),
                Map.of("default/default", topic));
    }

    @AfterAll
    static void stop() throws Exception {
        ingress.close();
    }

    static List<HostileRequests.Case> cases() {
        return HostileRequests.all();
    }

    @Order(1)
    @Test
    void theCorpusHasAtLeastFortyRequests() {
        assertThat(HostileRequests.all()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesTheRequestAndKeepsServing(HostileRequests.Case hostile) throws Exception {
        int status = RawHttp.exchange(ingress.port, hostile.request(), 15_000);

        assertThat(status).as(hostile.name()).isEqualTo(hostile.status());
        String id = "ok-after-" + Integer.toHexString(hostile.name().hashCode());
        assertThat(ingress.send(id).statusCode())
                .as("valid request after " + hostile.name())
                .isEqualTo(202);
        VALID_IDS.add(id);
    }

    @Order(3)
    @Test
    void onlyTheValidRequestsReachedKafka() {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ids(reader)).containsAll(VALID_IDS));
            assertThat(ids(reader)).containsExactlyInAnyOrderElementsOf(VALID_IDS);
        }
    }

    private static List<String> ids(TopicReader reader) {
        return reader.poll().stream()
                .map(record -> new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .toList();
    }
}
