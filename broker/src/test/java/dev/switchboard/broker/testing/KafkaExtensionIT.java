package dev.switchboard.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shows that every class using {@link KafkaExtension} gets the same running cluster: the outer and
 * both nested classes (each with its own class-level extension context) record the handle they were
 * given, and each sees the topics created before it.
 */
@ExtendWith(KafkaExtension.class)
class KafkaExtensionIT {
    private static final Set<KafkaCluster> SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> TOPICS = ConcurrentHashMap.newKeySet();

    private KafkaCluster fromAccessor;

    @RegisterExtension
    final BeforeEachCallback accessorUser = context -> fromAccessor = KafkaExtension.cluster(context);

    @BeforeAll
    static void recordOuter(KafkaCluster kafka) throws Exception {
        SEEN.add(kafka);
        createTopic(kafka, "outer");
    }

    @AfterAll
    static void everyClassGotTheSameCluster() {
        assertThat(SEEN).hasSize(1);
        assertThat(TOPICS).hasSize(3);
    }

    @Test
    void injectsARunningCluster(KafkaCluster kafka) throws Exception {
        assertThat(kafka.bootstrapServers()).matches("[\\w.-]+:\\d+");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isNotEmpty();
        }
    }

    @Test
    void handsOutNamesThatAreUniqueAndLegalTopicNames(KafkaCluster kafka) {
        Set<String> names = new HashSet<>();
        IntStream.range(0, 100).forEach(i -> names.add(kafka.uniqueName("ingress")));

        assertThat(names).hasSize(100).allMatch(name -> name.matches("ingress-[a-zA-Z0-9._-]+"));
    }

    @Test
    void anotherExtensionGetsTheInjectedClusterFromTheAccessor(KafkaCluster kafka) {
        assertThat(fromAccessor).isSameAs(kafka);
    }

    @Nested
    class FirstUser {
        @Test
        void seesTheSameCluster(KafkaCluster kafka) throws Exception {
            SEEN.add(kafka);
            createTopic(kafka, "first");
            assertThat(topicsOn(kafka))
                    .contains(TOPICS.stream().filter(t -> !t.contains("second")).toArray(String[]::new));
        }
    }

    @Nested
    class SecondUser {
        @Test
        void seesTheSameCluster(KafkaCluster kafka) throws Exception {
            SEEN.add(kafka);
            createTopic(kafka, "second");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(topicsOn(kafka)).containsAll(TOPICS));
        }
    }

    private static void createTopic(KafkaCluster kafka, String prefix) throws Exception {
        String topic = kafka.uniqueName(prefix);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        TOPICS.add(topic);
    }

    private static Set<String> topicsOn(KafkaCluster kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
