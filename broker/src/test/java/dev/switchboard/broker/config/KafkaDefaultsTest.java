package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/configuration.md: topic defaults are 12/3/2 with an external Kafka and 3/1/1 with the embedded one. */
class KafkaDefaultsTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void embeddedKafkaDefaultsToThreePartitionsAndSingleReplica() throws Exception {
        KafkaConfig kafka = loader.load(Optional.empty(), Map.of(), Map.of()).kafka();

        assertThat(kafka.embedded()).isTrue();
        assertThat(kafka.partitions()).isEqualTo(3);
        assertThat(kafka.replicationFactor()).isEqualTo(1);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void externalKafkaDefaultsToTwelvePartitionsThreeReplicasTwoInSync() throws Exception {
        ServerConfig config =
                loader.load(Optional.empty(), Map.of(), Map.of("kafka.bootstrapServers", "k1:9092,k2:9092"));

        assertThat(config.embedded()).isFalse();
        assertThat(config.kafka().partitions()).isEqualTo(12);
        assertThat(config.kafka().replicationFactor()).isEqualTo(3);
        assertThat(config.kafka().minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void blankBootstrapServersMeansEmbedded() throws Exception {
        ServerConfig config =
                loader.load(Optional.empty(), Map.of("SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS", "  "), Map.of());

        assertThat(config.embedded()).isTrue();
        assertThat(config.kafka().bootstrapServers()).isEmpty();
    }

    @ParameterizedTest(name = "embedded={0}: partitions set in {1}")
    @CsvSource({"true, file", "true, env", "true, flag", "false, file", "false, env", "false, flag"})
    void keepsExplicitPartitionsFromAnySource(boolean embedded, String source) throws Exception {
        Map<String, String> flags = embedded ? Map.of() : Map.of("kafka.bootstrapServers", "k:9092");
        Optional<Path> file = Optional.empty();
        Map<String, String> env = Map.of();
        switch (source) {
            case "file" -> file = Optional.of(Files.writeString(dir.resolve("c.yaml"), "kafka: {partitions: 7}\n"));
            case "env" -> env = Map.of("SWITCHBOARD_KAFKA_PARTITIONS", "7");
            default ->
                flags = embedded
                        ? Map.of("kafka.partitions", "7")
                        : Map.of("kafka.bootstrapServers", "k:9092", "kafka.partitions", "7");
        }

        KafkaConfig kafka = loader.load(file, env, flags).kafka();

        assertThat(kafka.partitions()).isEqualTo(7);
        assertThat(kafka.embedded()).isEqualTo(embedded);
    }

    @Test
    void keepsExplicitReplicationSettingsWithExternalKafka() throws Exception {
        KafkaConfig kafka = loader.load(
                        Optional.empty(),
                        Map.of("SWITCHBOARD_KAFKA_REPLICATIONFACTOR", "5", "SWITCHBOARD_KAFKA_MININSYNCREPLICAS", "4"),
                        Map.of("kafka.bootstrapServers", "k:9092"))
                .kafka();

        assertThat(kafka.replicationFactor()).isEqualTo(5);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(4);
    }

    @Test
    void defaultMinInsyncNeverExceedsAnExplicitSingleReplica() throws Exception {
        KafkaConfig kafka = loader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("kafka.bootstrapServers", "localhost:9092", "kafka.replicationFactor", "1"))
                .kafka();

        assertThat(kafka.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void embeddedKafkaAcceptsAnExplicitReplicationFactorOfOne() throws Exception {
        KafkaConfig kafka = loader.load(Optional.empty(), Map.of("SWITCHBOARD_KAFKA_REPLICATIONFACTOR", "1"), Map.of())
                .kafka();

        assertThat(kafka.replicationFactor()).isEqualTo(1);
    }

    @Test
    void minInsyncAboveTheEmbeddedSingleReplicaIsAnError() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(), Map.of("kafka.minInsyncReplicas", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("kafka.minInsyncReplicas: must be between 1 and kafka.replicationFactor (1), got 2"
                        + " (from flag kafka.minInsyncReplicas)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"localhost:9092", "k1:9092,k2:9093", "10.0.0.1:9092, 10.0.0.2:9092", "[::1]:9092"})
    void acceptsBootstrapServerLists(String bootstrap) throws Exception {
        KafkaConfig kafka = loader.load(Optional.empty(), Map.of(), Map.of("kafka.bootstrapServers", bootstrap))
                .kafka();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    }

    @Test
    void warnsWhenProducerPropertiesWeakenTheAcknowledgement() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_KAFKA_PRODUCER_ACKS",
                        "1",
                        "SWITCHBOARD_KAFKA_PRODUCER_ENABLE_IDEMPOTENCE",
                        "false"),
                Map.of());

        assertThat(config.kafka().producer()).containsEntry("acks", "1");
        assertThat(config.warnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("kafka.producer.acks: '1' weakens"))
                .anySatisfy(w -> assertThat(w).startsWith("kafka.producer.enable.idempotence: false allows"));
    }
}
