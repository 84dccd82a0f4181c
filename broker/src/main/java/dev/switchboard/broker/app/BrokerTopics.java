package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.ingress.BrokerDirectory;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * The brokers that exist and their topics: each broker's event topic and dead-letter topic are created
 * (partitions, replication, {@code min.insync.replicas} from the config) before the broker is routable.
 */
final class BrokerTopics implements BrokerDirectory {
    /** Room for headers and framing on top of the largest event body. */
    private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final TopicProvisioner provisioner;
    private final Map<String, String> topicByBroker = new ConcurrentHashMap<>();

    BrokerTopics(ServerConfig config, Admin admin, Duration timeout) {
        this.config = config;
        this.provisioner = new TopicProvisioner(admin, timeout);
    }

    /** SPEC §3: with no Broker declared, {@code default/default} exists. */
    void provisionImplicitDefault() {
        provision("default", "default");
    }

    void provision(String namespace, String name) {
        String events = TopicNames.events(namespace, name);
        provisioner.ensureAll(List.of(spec(events), spec(TopicNames.deadLetters(namespace, name))));
        topicByBroker.put(namespace + '/' + name, events);
    }

    List<String> topics() {
        return List.copyOf(topicByBroker.values());
    }

    @Override
    public Optional<String> topicOf(String namespace, String name) {
        return Optional.ofNullable(topicByBroker.get(namespace + '/' + name));
    }

    private TopicSpec spec(String topic) {
        return new TopicSpec(
                topic,
                config.kafka().partitions(),
                (short) config.kafka().replicationFactor(),
                config.kafka().minInsyncReplicas(),
                Map.of(
                        "max.message.bytes",
                        Integer.toString(config.ingress().maxEventBytes() + RECORD_OVERHEAD_BYTES)));
    }
}
