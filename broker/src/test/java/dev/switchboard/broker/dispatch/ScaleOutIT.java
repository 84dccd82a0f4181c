package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.log.KraftCluster;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md "Scale-out" and §5 "Guarantee": two Switchboard processes (the fat jar, {@code --kafka} on a
 * three-node KRaft cluster of separate JVMs, the same resource files, their own data directories and so their
 * own {@code process-id}) take a ledger stream through both ingresses, alternately, like a load balancer.
 * Mid-stream one Switchboard process is killed with SIGKILL: its partitions of the trigger's consumer group move
 * to the survivor with no manual action (once {@code session.timeout.ms}, 6 s here, has passed), and events of
 * every partition keep arriving. Then one Kafka node is killed with SIGKILL and later restarted on its storage.
 * Every id answered 202 must reach the subscriber; duplicates are counted and reported, not forbidden.
 *
 * <p>Lives in {@code dispatch} because partition assignment is how dispatch work is divided (docs/operations.md), and to
 * reuse this package's {@link SwitchboardProcess} and {@link Subscriber}.
 */
class ScaleOutIT {
    private static final int PARTITIONS = 12;
    private static final int EVENTS_PER_PHASE = 1_500;
    private static final int CONCURRENCY = 32;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** The broker's group: the shared readers of both processes divide its partitions (one group per broker). */
    private static final String GROUP = "switchboard.default.default";
    /** Triggers besides the one that takes every event: x1..x199, each matching one event. */
    private static final int EXTRA_TRIGGERS = 199;

    private static final String TOPIC = "switchboard.default.default";
    private static final int KILLED_KAFKA_NODE = 2;

    @TempDir
    static Path dir;

    private static final Path LOGS = Path.of(System.getProperty("basedir", "."), "target", "scaleout");
    private static final Vertx VERTX = Vertx.vertx();
    private static final List<SwitchboardProcess> SWITCHBOARDS = new ArrayList<>();
    private static KraftCluster kafka;

    @AfterAll
    static void stopEverything() throws Exception {
        for (SwitchboardProcess process : SWITCHBOARDS) {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        VERTX.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void noAcceptedEventIsLostWhenASwitchboardProcessAndAKafkaNodeAreKilled() throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long startedAt = System.nanoTime();
        Files.createDirectories(LOGS);
        kafka = KraftCluster.start(3, dir.resolve("kafka"), LOGS);
        seconds.put("Kafka cluster up", secondsSince(startedAt));
        Subscriber subscriber = Subscriber.start(VERTX);

        long switchboardsStartedAt = System.nanoTime();
        List<SwitchboardProcess> started = startTogether(
                SwitchboardProcess.triggers(dir, "scaleout", subscriber.uri(), EXTRA_TRIGGERS), writeConfig());
        seconds.put("both Switchboards ready", secondsSince(switchboardsStartedAt));
        SwitchboardProcess victim = started.get(0);
        SwitchboardProcess survivor = started.get(1);
        awaitMembers("both processes work partitions of the broker's group", members -> members.size() == 2);

        List<String> keys = oneKeyPerPartition();
        FailoverProducer producer = FailoverProducer.start(
                List.of(victim.ingress("/default/default"), survivor.ingress("/default/default")),
                n -> keys.get(n % PARTITIONS),
                CONCURRENCY);
        long streamStartedAt = System.nanoTime();
        awaitAccepted(producer, EVENTS_PER_PHASE);
        killAndAwaitTakeOver(victim, processId(dir.resolve("switchboard-1")), producer, subscriber, seconds);

        awaitAccepted(producer, producer.acceptedCount() + EVENTS_PER_PHASE);
        kafka.kill(KILLED_KAFKA_NODE);
        awaitAccepted(producer, producer.acceptedCount() + EVENTS_PER_PHASE);
        long restartedAt = System.nanoTime();
        kafka.restart(KILLED_KAFKA_NODE);
        seconds.put("killed Kafka node back", secondsSince(restartedAt));
        awaitAccepted(producer, producer.acceptedCount() + EVENTS_PER_PHASE);
        producer.stop();
        seconds.put("stream", secondsSince(streamStartedAt));

        Set<String> accepted = producer.accepted();
        await("every accepted event reaches the subscriber")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> subscriber.delivered().containsAll(accepted));
        seconds.put("whole test", secondsSince(startedAt));

        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(subscriber.delivered());
        Map<String, String> eachTriggersEvent = new LinkedHashMap<>();
        for (int i = 1; i <= EXTRA_TRIGGERS; i++) {
            if (accepted.contains("e-" + 10 * i)) {
                eachTriggersEvent.put("/x" + i, "e-" + 10 * i);
            }
        }
        await("each of the other triggers gets its one event")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> subscriber.received().stream()
                        .filter(r -> r.path().startsWith("/x"))
                        .map(r -> Map.entry(r.path(), r.id()))
                        .collect(Collectors.toSet())
                        .containsAll(eachTriggersEvent.entrySet()));
        report(producer, subscriber, missing.size(), seconds);
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(4 * EVENTS_PER_PHASE);
        assertThat(missing).isEmpty();
    }

    /**
     * SIGKILLs {@code victim} mid-stream, then waits until the survivor alone holds every partition of the
     * broker's group and events of every partition posted after the kill (so only to the survivor) arrive.
     */
    private static void killAndAwaitTakeOver(
            SwitchboardProcess victim,
            String survivorId,
            FailoverProducer producer,
            Subscriber subscriber,
            Map<String, Double> seconds)
            throws Exception {
        victim.kill();
        long killedAt = System.nanoTime();
        int firstAfterKill = producer.issued();
        producer.markDown(0);
        awaitMembers(
                "the survivor owns every partition of the broker's group",
                members -> members.keySet().equals(Set.of(survivorId))
                        && members.get(survivorId).size() == PARTITIONS);
        seconds.put("survivor owns all partitions after the SIGKILL", secondsSince(killedAt));
        await("events of every partition posted after the kill reach the subscriber")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> partitionsDeliveredFrom(subscriber, firstAfterKill).size() == PARTITIONS);
        seconds.put("survivor delivers from every partition after the SIGKILL", secondsSince(killedAt));
    }

    private static void report(
            FailoverProducer producer, Subscriber subscriber, int missing, Map<String, Double> seconds) {
        int distinct = subscriber.delivered().size();
        System.out.printf(
                "scale-out: %d accepted (%d by the killed process, %d by the survivor), %d retried on the other"
                        + " ingress, %d abandoned; subscriber received %d requests for %d distinct ids: %d"
                        + " duplicates, %d missing; session.timeout.ms %d, Kafka node %d killed and restarted;"
                        + " seconds: %s%n",
                producer.acceptedCount(),
                producer.acceptedBy(0),
                producer.acceptedBy(1),
                producer.retried(),
                producer.abandoned(),
                subscriber.count(),
                distinct,
                subscriber.count() - distinct,
                missing,
                SESSION_TIMEOUT.toMillis(),
                KILLED_KAFKA_NODE,
                seconds.entrySet().stream()
                        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    /** Starts both processes at once, so they also race to provision the same topics and join the same groups. */
    private static List<SwitchboardProcess> startTogether(Path resources, Path config) throws Exception {
        List<CompletableFuture<SwitchboardProcess>> starts = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        SwitchboardProcess process = SwitchboardProcess.start(
                                dir.resolve("switchboard-" + i),
                                resources,
                                LOGS.resolve("switchboard-" + i + ".log"),
                                "--kafka",
                                kafka.bootstrap(),
                                "--config",
                                config.toString());
                        synchronized (SWITCHBOARDS) {
                            SWITCHBOARDS.add(process);
                        }
                        return process;
                    } catch (Exception e) {
                        throw new IllegalStateException("switchboard " + i + " did not start", e);
                    }
                }))
                .toList();
        List<SwitchboardProcess> processes = new ArrayList<>();
        for (CompletableFuture<SwitchboardProcess> start : starts) {
            processes.add(start.get(120, TimeUnit.SECONDS));
        }
        return processes;
    }

    private static void awaitMembers(String what, Predicate<Map<String, Set<TopicPartition>>> condition) {
        try (Admin admin = kafka.admin()) {
            await(what)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> condition.test(workingMembers(admin)));
        }
    }

    /** Members of the broker's group that hold partitions, by static instance id. */
    private static Map<String, Set<TopicPartition>> workingMembers(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                .describedGroups()
                .get(GROUP)
                .get(5, TimeUnit.SECONDS);
        return group.members().stream()
                .filter(member -> !member.assignment().topicPartitions().isEmpty())
                .collect(Collectors.toMap(
                        member -> member.groupInstanceId().orElse(member.consumerId()), ScaleOutIT::partitions));
    }

    private static Set<TopicPartition> partitions(MemberDescription member) {
        return Set.copyOf(member.assignment().topicPartitions());
    }

    /** Partitions of the events numbered {@code from} or more that reached the subscriber. */
    private static Set<Integer> partitionsDeliveredFrom(Subscriber subscriber, int from) {
        return subscriber.delivered().stream()
                .mapToInt(id -> Integer.parseInt(id.substring(2)))
                .filter(n -> n >= from)
                .mapToObj(n -> n % PARTITIONS)
                .collect(Collectors.toSet());
    }

    /**
     * Partition keys {@code k-i}, one per partition in partition order: the producer's default partitioner
     * sends a keyed record to {@code toPositive(murmur2(key)) % partitions}, so event {@code n} keyed with the
     * {@code n % 12}-th key lands in partition {@code n % 12}.
     */
    private static List<String> oneKeyPerPartition() {
        String[] keys = new String[PARTITIONS];
        int found = 0;
        for (int i = 0; found < PARTITIONS; i++) {
            String key = "k-" + i;
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (keys[partition] == null) {
                keys[partition] = key;
                found++;
            }
        }
        return List.of(keys);
    }

    private static void awaitAccepted(FailoverProducer producer, int target) {
        await("the ledger reaches " + target + " accepted events")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> producer.acceptedCount() >= target);
    }

    /**
     * The production replication settings, and a short session timeout: a killed static member's partitions
     * move only once its session expired (docs/operations.md "Running several instances").
     */
    private static Path writeConfig() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "kafka:",
                        "  partitions: " + PARTITIONS,
                        "  replicationFactor: 3",
                        "  minInsyncReplicas: 2",
                        "  consumer:",
                        "    session.timeout.ms: " + SESSION_TIMEOUT.toMillis(),
                        "    heartbeat.interval.ms: 1000",
                        ""));
        return config;
    }

    private static String processId(Path dataDir) throws Exception {
        return Files.readString(dataDir.resolve(ProcessIdentity.FILE_NAME)).strip();
    }
}
