package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.Retention;
import dev.switchboard.triggers.model.TopicOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A broker's topics as they should be (docs/configuration.md "Broker annotations"): its annotations first, then the
 * server config's {@code kafka.partitions} and {@code kafka.replicationFactor}; {@code min.insync.replicas} is the
 * config's, capped by the replication factor; the event topic keeps the cluster's retention unless annotated, the
 * dead-letter topic keeps its records forever unless annotated. What was set by an annotation is also checked on a
 * topic that exists already; the config's defaults only ask for at least the partitions.
 */
final class BrokerTopicSpecs {
    private final ServerConfig config;

    BrokerTopicSpecs(ServerConfig config) {
        this.config = config;
    }

    /** The broker's event topic: its own, or its external topic (which is only ever inspected). */
    TopicSpec events(Broker broker) {
        return spec(
                TopicNames.events(broker),
                broker.options().topic(),
                broker.options().topic().retention());
    }

    TopicSpec deadLetters(Broker broker) {
        TopicOptions topic = broker.options().topic();
        return spec(
                TopicNames.deadLetters(broker.id().namespace(), broker.id().name()),
                topic,
                Optional.of(topic.deadLetterRetention()));
    }

    static boolean external(Broker broker) {
        return broker.options().topic().externalTopic().isPresent();
    }

    private TopicSpec spec(String name, TopicOptions topic, Optional<Retention> retention) {
        int replicationFactor = topic.replicationFactor().orElse(config.kafka().replicationFactor());
        Map<String, String> configs = new HashMap<>();
        configs.put(
                "max.message.bytes",
                Integer.toString(
                        KafkaProducerSettings.maxRecordBytes(config.ingress().maxEventBytes())));
        Set<String> checked = new HashSet<>();
        retention.ifPresent(r -> {
            configs.put(Retention.KAFKA_CONFIG, Long.toString(r.kafkaMillis()));
            checked.add(Retention.KAFKA_CONFIG);
        });
        return new TopicSpec(
                name,
                topic.partitions().orElse(config.kafka().partitions()),
                (short) replicationFactor,
                Math.min(config.kafka().minInsyncReplicas(), replicationFactor),
                configs,
                new TopicSpec.Checked(
                        topic.partitions().isPresent(),
                        topic.replicationFactor().isPresent(),
                        checked));
    }
}
