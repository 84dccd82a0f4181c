package dev.switchboard.broker.config;

import java.util.Map;
import java.util.TreeSet;

/**
 * The Kafka cluster and topic settings (docs/configuration.md). An empty {@code bootstrapServers} means the embedded
 * single-node broker. {@code client} holds the raw Kafka properties every client gets (admin, producer, each
 * consumer: {@code security.protocol}, {@code ssl.*}, {@code sasl.*}, {@code config.providers}); {@code
 * producer} and {@code consumer} are raw properties of one kind of client, applied on top of {@code client}
 * and of Switchboard's defaults.
 *
 * <p>{@link #toString()} names the properties but never their values: they may hold passwords.
 */
public record KafkaConfig(
        String bootstrapServers,
        int partitions,
        int replicationFactor,
        int minInsyncReplicas,
        Map<String, String> client,
        Map<String, String> producer,
        Map<String, String> consumer) {

    public KafkaConfig {
        client = Map.copyOf(client);
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
    }

    /** Whether Switchboard starts its embedded Kafka (no bootstrap servers configured). */
    public boolean embedded() {
        return bootstrapServers.isBlank();
    }

    /** {@code client} with {@code consumer} on top: the raw properties of every consumer. */
    public Map<String, String> consumerProperties() {
        return layered(client, consumer);
    }

    /** {@code client} with {@code producer} on top: the raw properties of the producer. */
    public Map<String, String> producerProperties() {
        return layered(client, producer);
    }

    private static Map<String, String> layered(Map<String, String> base, Map<String, String> top) {
        Map<String, String> merged = new java.util.HashMap<>(base);
        merged.putAll(top);
        return Map.copyOf(merged);
    }

    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", minInsyncReplicas=" + minInsyncReplicas
                + ", client=" + new TreeSet<>(client.keySet()) + ", producer=" + new TreeSet<>(producer.keySet())
                + ", consumer=" + new TreeSet<>(consumer.keySet()) + "]";
    }
}
