package dev.switchboard.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.yammer.metrics.core.MetricName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void startsOnPortZeroAndReportsTheChosenPort() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(kafka.port()).isPositive();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            assertThat(dataDir.resolve("kafka").resolve("meta.properties")).isRegularFile();
        }
    }

    @Test
    void keepsRecordsAndCommittedOffsetsAcrossARestartOnAnotherPort() throws Exception {
        String topic = "switchboard.default.restart";
        String group = "switchboard.default.restart.trigger";
        String clusterId;
        int firstPort;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            clusterId = kafka.clusterId();
            firstPort = kafka.port();
            provision(kafka, topic);
            produce(kafka, topic, "a", "b", "c");
            assertThat(consume(kafka, topic, group, 3)).containsExactly("a", "b", "c");
        }

        int otherPort = freePortOtherThan(firstPort);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, otherPort)) {
            assertThat(kafka.port()).isEqualTo(otherPort);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(committedOffsets(kafka, group)).containsEntry(new TopicPartition(topic, 0), 3L);
            assertThat(consume(kafka, topic, "fresh-reader", 3)).containsExactly("a", "b", "c");

            produce(kafka, topic, "d");
            assertThat(consume(kafka, topic, group, 1)).containsExactly("d");
        }
    }

    @Test
    void stopIsIdempotentAndLeavesNoThreadsMetricsOrMBeansBehind() throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Set<MetricName> metricsBefore = yammerMetrics();
        Set<ObjectName> mbeansBefore = kafkaMBeans();

        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        assertThat(yammerMetrics()).hasSizeGreaterThan(metricsBefore.size());
        kafka.stop();
        kafka.stop();
        kafka.close();

        await().pollInSameThread().atMost(TIMEOUT).untilAsserted(() -> assertThat(threadsStartedSince(threadsBefore))
                .isEmpty());
        assertThat(yammerMetrics()).isEqualTo(metricsBefore);
        assertThat(kafkaMBeans()).isEqualTo(mbeansBefore);
    }

    @Test
    void restartsInTheSameJvmOnTheSameDataDirectory() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
                provision(kafka, "round-" + round);
                assertThat(topics(kafka)).hasSize(round + 1);
            }
        }
    }

    @Test
    void failsWithAClearMessageWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, taken.getLocalPort(), TIMEOUT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Embedded Kafka did not start on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static Set<MetricName> yammerMetrics() {
        return Set.copyOf(KafkaYammerMetrics.defaultRegistry().allMetrics().keySet());
    }

    private static Set<ObjectName> kafkaMBeans() throws Exception {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka*:*"), null);
    }

    private static Set<String> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toList());
    }

    private static void provision(EmbeddedKafka kafka, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, TIMEOUT).ensure(new TopicSpec(topic, 1, (short) 1, 1));
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, String... values) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    /** Reads {@code count} records as {@code group} from its committed position and commits them. */
    private static List<String> consume(EmbeddedKafka kafka, String topic, String group, int count) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= count;
            });
            consumer.commitSync();
        }
        return values;
    }

    private static Map<TopicPartition, Long> committedOffsets(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                    .offset()));
        }
    }

    private static int freePortOtherThan(int port) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (socket.getLocalPort() != port) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
