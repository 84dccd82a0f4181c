package dev.switchboard.broker.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the Kafka topics Switchboard writes to exist before it accepts events (docs/ingress.md:
 * events go to topic {@code switchboard.{namespace}.{broker}}; docs/architecture.md principle 1: Kafka is
 * the only state).
 *
 * <p>Rules, all idempotent and safe when several Switchboard processes start at once:
 *
 * <ul>
 *   <li>a missing topic is created with the partitions, replication factor and topic configs of its
 *       {@link TopicSpec} ({@code min.insync.replicas} included) → {@link ProvisionedTopic.Created};
 *   <li>an existing topic is never altered: when it has what its {@link TopicSpec.Checked} asks for (at least
 *       the requested partitions, and the replication factor, exact partitions and configs such as
 *       {@code retention.ms} when asked) it is {@link ProvisionedTopic.Existing}; otherwise it is {@link
 *       ProvisionedTopic.Differing}, for the caller to report. Partitions are not added because that changes which
 *       partition a key maps to, breaking per-key order for events already in the log (docs/dispatch.md, ordered
 *       delivery), and a retention is not shortened because that deletes events; both are an operator's decision
 *       ({@code kafka-topics.sh --alter}, {@code kafka-configs.sh});
 *   <li>a topic created concurrently by someone else counts as existing;
 *   <li>{@link #inspectAll} never creates: a missing topic is {@link ProvisionedTopic.Missing} (an external topic,
 *       docs/configuration.md);
 *   <li>the call returns only once the brokers serve every topic (a leader for each partition), so
 *       the caller can produce to it at once.
 * </ul>
 *
 * <p>The call blocks, bounded by the timeout given at construction; it is meant for startup.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long METADATA_POLL_MS = 20;

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin the admin client to use; the caller keeps ownership and closes it
     * @param timeout the bound for each {@link #ensure} call as a whole
     */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Ensures one topic exists, see the class rules.
     *
     * @throws IllegalStateException if Kafka refuses the topic (e.g. replication factor larger than
     *     the cluster), cannot be reached within the timeout, or the thread is interrupted
     */
    public ProvisionedTopic ensure(TopicSpec spec) {
        return ensureAll(List.of(spec)).get(0);
    }

    /**
     * Ensures every topic exists in one round trip, see the class rules.
     *
     * @return one outcome per spec, in the order given
     * @throws IllegalStateException as {@link #ensure} does, for the first topic that fails
     */
    public List<ProvisionedTopic> ensureAll(List<TopicSpec> specs) {
        if (specs.stream().map(TopicSpec::name).distinct().count() != specs.size()) {
            throw new IllegalArgumentException("topic names must be distinct: " + specs);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NewTopic> newTopics = specs.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.topicConfigs()))
                .toList();
        Map<String, KafkaFuture<Void>> creations = admin.createTopics(
                        newTopics, new CreateTopicsOptions().timeoutMs(remainingMs(deadline)))
                .values();
        Set<String> created = new HashSet<>();
        for (TopicSpec spec : specs) {
            if (awaitCreation(creations.get(spec.name()), spec.name(), deadline)) {
                created.add(spec.name());
            }
        }
        Map<String, TopicDescription> served = awaitServed(specs, deadline);
        Map<String, Config> configs = describeConfigs(
                specs.stream().filter(spec -> !created.contains(spec.name())).toList(), deadline);
        List<ProvisionedTopic> outcomes = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription description = served.get(spec.name());
            if (created.contains(spec.name())) {
                int partitions = description.partitions().size();
                LOG.info("Created topic {} with {} partitions", spec.name(), partitions);
                outcomes.add(new ProvisionedTopic.Created(spec.name(), partitions));
            } else {
                outcomes.add(existingOutcome(spec, description, configs.get(spec.name())));
            }
        }
        return List.copyOf(outcomes);
    }

    /**
     * Looks at topics Switchboard must not create (docs/configuration.md, external topics): each is {@link
     * ProvisionedTopic.Missing}, or compared with its spec as an existing topic is by {@link #ensureAll}.
     *
     * @return one outcome per spec, in the order given
     * @throws IllegalStateException when Kafka cannot be asked within the timeout
     */
    public List<ProvisionedTopic> inspectAll(List<TopicSpec> specs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(
                        names, new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                .topicNameValues();
        Map<String, TopicDescription> found = new HashMap<>();
        for (String name : names) {
            awaitDescription(descriptions.get(name), name, deadline).ifPresent(d -> found.put(name, d));
        }
        Map<String, Config> configs = describeConfigs(
                specs.stream().filter(spec -> found.containsKey(spec.name())).toList(), deadline);
        return specs.stream()
                .map(spec -> found.containsKey(spec.name())
                        ? existingOutcome(spec, found.get(spec.name()), configs.get(spec.name()))
                        : new ProvisionedTopic.Missing(spec.name()))
                .toList();
    }

    /** The configs of the topics whose spec checks any, by topic name. */
    private Map<String, Config> describeConfigs(List<TopicSpec> specs, long deadline) {
        List<ConfigResource> resources = specs.stream()
                .filter(spec -> !spec.checked().configs().isEmpty())
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                .toList();
        if (resources.isEmpty()) {
            return Map.of();
        }
        try {
            Map<ConfigResource, Config> described = admin.describeConfigs(
                            resources, new DescribeConfigsOptions().timeoutMs(remainingMs(deadline)))
                    .all()
                    .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            Map<String, Config> byName = new HashMap<>();
            described.forEach((resource, config) -> byName.put(resource.name(), config));
            return byName;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                // a principal allowed to create and write topics may lack DescribeConfigs: the configs are not compared
                LOG.warn(
                        "cannot read the configs of {} to compare them: {}",
                        resources,
                        e.getCause().toString());
                return Map.of();
            }
            throw failure(resources.toString(), e.getCause());
        } catch (TimeoutException e) {
            throw failure(resources.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(resources.toString(), e);
        }
    }

    /**
     * Waits until the broker's metadata lists every topic with a leader for each partition: a
     * created topic is committed by the controller a moment before brokers serve it, and callers
     * produce right after provisioning.
     */
    private Map<String, TopicDescription> awaitServed(List<TopicSpec> specs, long deadline) {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        while (true) {
            Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(
                            names, new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                    .topicNameValues();
            Map<String, TopicDescription> served = new HashMap<>();
            for (String name : names) {
                awaitDescription(descriptions.get(name), name, deadline)
                        .filter(description ->
                                description.partitions().stream().allMatch(partition -> partition.leader() != null))
                        .ifPresent(description -> served.put(name, description));
            }
            if (served.size() == names.size()) {
                return served;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure(
                        names.stream()
                                .filter(name -> !served.containsKey(name))
                                .toList()
                                .toString(),
                        new TimeoutException("topic not served by the brokers yet"));
            }
            pause();
        }
    }

    private static ProvisionedTopic existingOutcome(TopicSpec spec, TopicDescription description, Config config) {
        int partitions = description.partitions().size();
        List<String> differences = TopicDifferences.of(spec, description, Optional.ofNullable(config));
        if (differences.isEmpty()) {
            return new ProvisionedTopic.Existing(spec.name(), partitions);
        }
        return new ProvisionedTopic.Differing(spec.name(), partitions, differences);
    }

    /** True if the topic was created, false if it already existed. */
    private boolean awaitCreation(KafkaFuture<Void> creation, String topic, long deadline) {
        try {
            creation.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw failure(topic, e.getCause());
        } catch (TimeoutException e) {
            throw failure(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(topic, e);
        }
    }

    /** The description, or empty while the brokers do not know the topic yet. */
    private Optional<TopicDescription> awaitDescription(
            KafkaFuture<TopicDescription> description, String topic, long deadline) {
        try {
            return Optional.of(description.get(remainingMs(deadline), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure(topic, e.getCause());
        } catch (TimeoutException e) {
            throw failure(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(topic, e);
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(METADATA_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }

    private IllegalStateException failure(String topic, Throwable cause) {
        return new IllegalStateException(
                "Could not provision Kafka topic " + topic + " within " + timeout + ": " + cause, cause);
    }

    private static int remainingMs(long deadline) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
    }
}
