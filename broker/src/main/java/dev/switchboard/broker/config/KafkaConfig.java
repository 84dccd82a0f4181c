package dev.switchboard.broker.config;

import java.util.Map;

/**
 * The Kafka cluster and topic settings (docs/configuration.md). An empty {@code bootstrapServers} means the embedded
 * single-node broker; {@code producer} and {@code consumer} are raw Kafka client properties that override
 * Switchboard's defaults.
 */
public record KafkaConfig(
        String bootstrapServers,
        int partitions,
        int replicationFactor,
        int minInsyncReplicas,
        Map<String, String> producer,
        Map<String, String> consumer) {

    public KafkaConfig {
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
    }

    /** Whether Switchboard starts its embedded Kafka (no bootstrap servers configured). */
    public boolean embedded() {
        return bootstrapServers.isBlank();
    }
}
