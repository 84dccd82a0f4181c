package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.ingress.BrokerDirectory;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.ResourceSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The brokers of the served resource set and their topics. Each broker's event topic and dead-letter topic
 * are created (partitions, replication, {@code min.insync.replicas} from the config) before the broker
 * becomes routable; a broker removed from the resources stops being routable (404), its topics are kept.
 */
final class BrokerTopics implements BrokerDirectory {
    /** Room for headers and framing on top of the largest event body. */
    private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final TopicProvisioner provisioner;
    private volatile Map<String, String> topicByBroker = Map.of();

    BrokerTopics(ServerConfig config, Admin admin, Duration timeout) {
        this.config = config;
        this.provisioner = new TopicProvisioner(admin, timeout);
    }

    /** Provisions the topics of every broker of {@code resources}, then routes exactly those brokers. */
    synchronized void serve(ResourceSet resources) {
        Map<String, String> routes = new HashMap<>();
        List<TopicSpec> specs = new ArrayList<>();
        for (Broker broker : resources.brokers()) {
            String namespace = broker.id().namespace();
            String name = broker.id().name();
            String events = TopicNames.events(namespace, name);
            routes.put(key(namespace, name), events);
            if (!topicByBroker.containsValue(events)) {
                specs.add(spec(events));
                specs.add(spec(TopicNames.deadLetters(namespace, name)));
            }
        }
        provisioner.ensureAll(specs);
        topicByBroker = Map.copyOf(routes);
    }

    List<String> topics() {
        return List.copyOf(topicByBroker.values());
    }

    @Override
    public Optional<String> topicOf(String namespace, String name) {
        return Optional.ofNullable(topicByBroker.get(key(namespace, name)));
    }

    private static String key(String namespace, String name) {
        return namespace + '/' + name;
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
