package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.ingress.BrokerDirectory;
import dev.switchboard.broker.ingress.BrokerRoute;
import dev.switchboard.broker.log.ProvisionedTopic;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.ops.BrokerTopicState;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.BrokerOptions;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brokers of the served resource set and their topics (docs/configuration.md "Broker annotations", "External
 * topics"). Each broker's event topic and dead-letter topic are created with the settings of {@link BrokerTopicSpecs}
 * before the broker becomes routable; an existing topic whose settings differ is left as it is, logged once and shown
 * as the broker's {@code TopicSettingsMatch} condition. An external topic is never created: while it does not exist
 * the broker is not routable, its triggers do not dispatch ({@link #dispatchable}), and it is looked for again every
 * {@code recheck}; when it appears the listeners are told. A broker removed from the resources stops being routable
 * (404), its topics are kept.
 *
 * <p>A broker's ingress URL, its default OIDC audience (docs/security.md), is
 * {@code {http|https}://{host}:{port}/{namespace}/{name}}: https when {@code tls.ingress} is configured, the
 * {@code ingress.host} (a wildcard address as {@code 127.0.0.1}, as in the banner) and the bound port.
 */
final class BrokerTopics implements BrokerDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTopics.class);

    private final ServerConfig config;
    private final TopicProvisioner provisioner;
    private final BrokerTopicSpecs specs;
    private final ScheduledExecutorService recheck;
    private final List<Runnable> appeared = new ArrayList<>();
    private final Map<ResourceId, BrokerTopicState> reported = new HashMap<>();
    private volatile Map<String, String> topicByBroker = Map.of();
    private volatile Map<String, BrokerOptions> optionsByBroker = Map.of();
    private volatile Map<ResourceId, BrokerTopicState> states = Map.of();
    private volatile String baseUrl;
    private ResourceSet served;

    BrokerTopics(ServerConfig config, Admin admin, Duration timeout, Duration recheckEvery) {
        this.config = config;
        this.provisioner = new TopicProvisioner(admin, timeout);
        this.specs = new BrokerTopicSpecs(config);
        this.recheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-topic-recheck");
            thread.setDaemon(true);
            return thread;
        });
        recheck.scheduleWithFixedDelay(
                this::lookForMissingTopics, recheckEvery.toMillis(), recheckEvery.toMillis(), TimeUnit.MILLISECONDS);
        listeningOn(config.ingress().port());
    }

    /** The ingress's bound port, which makes the brokers' URLs (needed when port 0 was asked for). */
    void listeningOn(int port) {
        String scheme = config.tls().ingress().isPresent() ? "https" : "http";
        baseUrl = scheme + "://" + Banner.displayHost(config.ingress().host()) + ":" + port;
    }

    /** {@code listener} runs (on the re-check's thread) when a missing external topic appeared and is served. */
    synchronized void onTopicAppeared(Runnable listener) {
        appeared.add(listener);
    }

    /** Provisions the topics of every broker of {@code resources}, then routes exactly those whose topic exists. */
    synchronized void serve(ResourceSet resources) {
        List<TopicSpec> own = new ArrayList<>();
        List<TopicSpec> external = new ArrayList<>();
        for (Broker broker : resources.brokers()) {
            (BrokerTopicSpecs.external(broker) ? external : own).add(specs.events(broker));
            own.add(specs.deadLetters(broker));
        }
        Map<String, ProvisionedTopic> found = new HashMap<>();
        provisioner.ensureAll(distinct(own)).forEach(topic -> found.put(topic.name(), topic));
        if (!external.isEmpty()) {
            provisioner.inspectAll(distinct(external)).forEach(topic -> found.put(topic.name(), topic));
        }
        Map<String, String> routes = new HashMap<>();
        Map<String, BrokerOptions> options = new HashMap<>();
        Map<ResourceId, BrokerTopicState> nextStates = new HashMap<>();
        for (Broker broker : resources.brokers()) {
            TopicSpec events = specs.events(broker);
            BrokerTopicState state = state(
                    found.get(events.name()),
                    found.get(specs.deadLetters(broker).name()));
            nextStates.put(broker.id(), state);
            report(broker.id(), state);
            if (state.missingTopic().isEmpty()) {
                routes.put(key(broker.id()), events.name());
            }
            options.put(key(broker.id()), broker.options());
        }
        served = resources;
        states = Map.copyOf(nextStates);
        optionsByBroker = Map.copyOf(options);
        topicByBroker = Map.copyOf(routes);
    }

    /** What was found of the broker's topics, for its conditions in the ops API. */
    BrokerTopicState state(ResourceId broker) {
        return states.getOrDefault(broker, BrokerTopicState.AS_ASKED);
    }

    /** {@code resources} without the triggers of brokers whose external topic does not exist yet. */
    ResourceSet dispatchable(ResourceSet resources) {
        Set<ResourceId> missing = states.entrySet().stream()
                .filter(entry -> entry.getValue().missingTopic().isPresent())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return resources.withoutTriggersOf(missing);
    }

    List<String> topics() {
        return List.copyOf(topicByBroker.values());
    }

    @Override
    public Optional<BrokerRoute> routeOf(String namespace, String name) {
        String key = namespace + '/' + name;
        String topic = topicByBroker.get(key);
        BrokerOptions options = optionsByBroker.getOrDefault(key, BrokerOptions.defaults());
        return Optional.ofNullable(topic)
                .map(t -> new BrokerRoute(t, options, URI.create(baseUrl + "/" + namespace + "/" + name)));
    }

    @Override
    public void close() {
        recheck.shutdownNow();
    }

    /** Serves the last resources again when an external topic that was missing exists now. */
    private void lookForMissingTopics() {
        List<Runnable> listeners;
        synchronized (this) {
            if (served == null) {
                return;
            }
            List<TopicSpec> missing = served.brokers().stream()
                    .filter(broker -> state(broker.id()).missingTopic().isPresent())
                    .map(specs::events)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                boolean anyAppeared = provisioner.inspectAll(distinct(missing)).stream()
                        .anyMatch(topic -> !(topic instanceof ProvisionedTopic.Missing));
                if (!anyAppeared) {
                    return;
                }
                serve(served);
            } catch (RuntimeException e) {
                LOG.warn("could not look for the missing external topics {}: {}", missing, e.toString());
                return;
            }
            listeners = List.copyOf(appeared);
        }
        listeners.forEach(Runnable::run);
    }

    private static BrokerTopicState state(ProvisionedTopic events, ProvisionedTopic deadLetters) {
        Optional<String> missing =
                events instanceof ProvisionedTopic.Missing m ? Optional.of(m.name()) : Optional.empty();
        List<String> differences = new ArrayList<>();
        for (ProvisionedTopic topic : List.of(events, deadLetters)) {
            if (topic instanceof ProvisionedTopic.Differing differing) {
                differing
                        .differences()
                        .forEach(difference -> differences.add("topic " + topic.name() + ": " + difference));
            }
        }
        return new BrokerTopicState(missing, differences);
    }

    /** Logs what is wrong with a broker's topics once, and once more when it changes or is mended. */
    private void report(ResourceId broker, BrokerTopicState state) {
        BrokerTopicState before = reported.getOrDefault(broker, BrokerTopicState.AS_ASKED);
        if (state.equals(before)) {
            return;
        }
        reported.put(broker, state);
        state.missingTopic()
                .ifPresent(topic -> LOG.warn(
                        "broker {}: external topic {} does not exist; the broker is not Ready until it is created"
                                + " (looked for again periodically)",
                        broker,
                        topic));
        if (!state.differences().isEmpty()) {
            LOG.warn(
                    "broker {}: {}; the topic is left as it is (change it with kafka-topics.sh / kafka-configs.sh)",
                    broker,
                    String.join("; ", state.differences()));
        }
        if (state.equals(BrokerTopicState.AS_ASKED)) {
            LOG.info("broker {}: its topics are as asked now", broker);
        }
    }

    /** Two brokers may share an external topic: each topic is asked for once. */
    private static List<TopicSpec> distinct(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new java.util.LinkedHashMap<>();
        specs.forEach(spec -> byName.putIfAbsent(spec.name(), spec));
        return List.copyOf(byName.values());
    }

    private static String key(ResourceId broker) {
        return broker.namespace() + '/' + broker.name();
    }
}
