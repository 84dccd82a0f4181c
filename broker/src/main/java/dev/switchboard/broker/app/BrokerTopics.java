package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.ingress.BrokerDirectory;
import dev.switchboard.broker.ingress.BrokerRoute;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.BrokerOptions;
import dev.switchboard.triggers.model.ResourceSet;
import java.net.URI;
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
 *
 * <p>A broker's ingress URL, its default OIDC audience (docs/security.md), is
 * {@code {http|https}://{host}:{port}/{namespace}/{name}}: https when {@code tls.ingress} is configured, the
 * {@code ingress.host} (a wildcard address as {@code 127.0.0.1}, as in the banner) and the bound port.
 */
final class BrokerTopics implements BrokerDirectory {
    private final ServerConfig config;
    private final TopicProvisioner provisioner;
    private volatile Map<String, String> topicByBroker = Map.of();
    private volatile Map<String, BrokerOptions> optionsByBroker = Map.of();
    private volatile String baseUrl;

    BrokerTopics(ServerConfig config, Admin admin, Duration timeout) {
        this.config = config;
        this.provisioner = new TopicProvisioner(admin, timeout);
        listeningOn(config.ingress().port());
    }

    /** The ingress's bound port, which makes the brokers' URLs (needed when port 0 was asked for). */
    void listeningOn(int port) {
        String scheme = config.tls().ingress().isPresent() ? "https" : "http";
        baseUrl = scheme + "://" + Banner.displayHost(config.ingress().host()) + ":" + port;
    }

    /** Provisions the topics of every broker of {@code resources}, then routes exactly those brokers. */
    synchronized void serve(ResourceSet resources) {
        Map<String, String> routes = new HashMap<>();
        Map<String, BrokerOptions> options = new HashMap<>();
        List<TopicSpec> specs = new ArrayList<>();
        for (Broker broker : resources.brokers()) {
            String namespace = broker.id().namespace();
            String name = broker.id().name();
            String events = TopicNames.events(namespace, name);
            routes.put(key(namespace, name), events);
            options.put(key(namespace, name), broker.options());
            if (!topicByBroker.containsValue(events)) {
                specs.add(spec(events));
                specs.add(spec(TopicNames.deadLetters(namespace, name)));
            }
        }
        provisioner.ensureAll(specs);
        optionsByBroker = Map.copyOf(options);
        topicByBroker = Map.copyOf(routes);
    }

    List<String> topics() {
        return List.copyOf(topicByBroker.values());
    }

    @Override
    public Optional<BrokerRoute> routeOf(String namespace, String name) {
        String key = key(namespace, name);
        String topic = topicByBroker.get(key);
        BrokerOptions options = optionsByBroker.getOrDefault(key, BrokerOptions.defaults());
        return Optional.ofNullable(topic)
                .map(t -> new BrokerRoute(t, options, URI.create(baseUrl + "/" + namespace + "/" + name)));
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
                        Integer.toString(KafkaProducerSettings.maxRecordBytes(
                                config.ingress().maxEventBytes()))));
    }
}
