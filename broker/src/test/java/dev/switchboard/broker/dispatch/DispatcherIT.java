package dev.switchboard.broker.dispatch;

import static dev.switchboard.broker.dispatch.ResourceYaml.annotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.broker.testing.TopicReader;
import dev.switchboard.triggers.model.ResourceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dispatcher against a real Kafka and real HTTP subscribers (docs/delivery.md). */
@ExtendWith(KafkaExtension.class)
class DispatcherIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final FreshDispatch dispatch = new FreshDispatch();

    private DispatchFixture fixture;

    @BeforeEach
    void start() {
        fixture = dispatch.fixture();
    }

    @Test
    void deliversMatchingEventsOnlyAndCommitsPastThem() throws Exception {
        Subscriber subscriber = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), Map.of(), "wanted")
                .load());

        List<String> wanted = fixture.send("w", 0, 50, "wanted", null);
        fixture.send("x", 0, 50, "other", null);

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(wanted));
        await().atMost(LONG).until(() -> committedTotal("t") == 100);
        assertThat(subscriber.delivered()).hasSize(50);
    }

    @Test
    void newTriggerReceivesEveryEventSentRightAfterItWasApplied() throws Exception {
        fixture.send("before", 20);
        Subscriber subscriber = fixture.subscriber();

        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString())
                .load());
        List<String> after = fixture.send("after", 200);

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(after));
        assertThat(subscriber.delivered()).hasSize(200);
    }

    @Test
    void startFromEarliestDeliversTheStoredEvents() throws Exception {
        List<String> stored = fixture.send("stored", 30);
        Subscriber subscriber = fixture.subscriber();

        fixture.apply(fixture.resources()
                .trigger(
                        "t",
                        "b",
                        subscriber.uri().toString(),
                        annotations("switchboard.dev/start-from", "earliest"),
                        null)
                .load());

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(stored));
    }

    @Test
    void startFromTimestampDeliversEventsAcceptedFromThenOn() throws Exception {
        fixture.send("old", 30);
        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
        Instant from = Instant.now();
        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
        List<String> recent = fixture.send("recent", 30);
        Subscriber subscriber = fixture.subscriber();

        fixture.apply(fixture.resources()
                .trigger(
                        "t",
                        "b",
                        subscriber.uri().toString(),
                        annotations("switchboard.dev/start-from", from.toString()),
                        null)
                .load());

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(recent));
        await().during(Duration.ofMillis(500))
                .until(() -> subscriber.delivered().size() == 30);
    }

    @Test
    void maxInFlightBoundsConcurrentRequests() throws Exception {
        Subscriber subscriber = fixture.subscriber().withLatency(event -> 20);
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/max-in-flight", "4"), null)
                .load());

        List<String> ids = fixture.send("e", 200);

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(ids));
        assertThat(subscriber.maxConcurrent()).isBetween(2, 4);
    }

    @Test
    void pausedTriggerKeepsItsPositionAndResumesWithoutLoss() throws Exception {
        Subscriber subscriber = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString())
                .load());
        List<String> first = fixture.send("first", 50);
        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(first));

        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/paused", "true"), null)
                .load());
        List<String> whilePaused = fixture.send("paused", 100);
        await().during(Duration.ofSeconds(1))
                .atMost(LONG)
                .until(() -> subscriber.delivered().size() == 50);

        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString())
                .load());
        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(whilePaused));
        assertThat(subscriber.delivered()).hasSize(150);
    }

    @Test
    void orderedDeliveryKeepsLogOrderPerKeyWhileAnotherKeyKeepsFlowing() throws Exception {
        java.util.Random random = new java.util.Random(7);
        Subscriber subscriber = fixture.subscriber()
                .withLatency(event -> "slow".equals(event.partitionKey()) ? 150 : random.nextInt(5));
        fixture.apply(fixture.resources()
                .trigger(
                        "t",
                        "b",
                        subscriber.uri().toString(),
                        annotations("kafka.eventing.knative.dev/delivery.order", "ordered"),
                        null)
                .load());

        List<String> ids = fixture.send("o", 0, 500, "test.event", i -> i % 25 == 0 ? "slow" : "k" + (i % 4));

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(ids));
        Map<String, List<Integer>> byKey = new java.util.HashMap<>();
        List<String> arrival = new ArrayList<>();
        for (Subscriber.Received event : subscriber.received()) {
            byKey.computeIfAbsent(event.partitionKey(), k -> new ArrayList<>())
                    .add(Integer.parseInt(event.id().substring(2)));
            arrival.add(event.partitionKey());
        }
        byKey.forEach((key, sequence) -> assertThat(sequence).as("key " + key).isSorted());
        // 20 slow events at 150 ms each take 3 s; the 480 others are not held back behind them
        int lastFast = arrival.lastIndexOf("k0");
        int slowBeforeLastFast = (int)
                arrival.subList(0, lastFast).stream().filter("slow"::equals).count();
        assertThat(slowBeforeLastFast).isLessThan(20);
    }

    @Test
    void deadSubscriberOfOneTriggerDoesNotSlowAnother() throws Exception {
        Subscriber healthyAlone = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("b1", "b", healthyAlone.uri().toString())
                .load());
        long alone = timeToDeliver(healthyAlone, fixture.send("alone", 2000));

        Subscriber dead = fixture.subscriber().answering(503);
        Subscriber healthy = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("a", "b", dead.uri().toString())
                .trigger("b2", "b", healthy.uri().toString())
                .load());
        long withDead = timeToDeliver(healthy, fixture.send("with-dead", 2000));

        System.out.printf("2000 events to B: %d ms alone, %d ms with A's subscriber dead%n", alone, withDead);
        assertThat(dead.count()).isZero();
        assertThat(withDead).isLessThan(alone * 3 + 3_000);
    }

    @Test
    void replayRedeliversToThatTriggerOnly() throws Exception {
        Subscriber replayed = fixture.subscriber();
        Subscriber other = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("r", "b", replayed.uri().toString())
                .trigger("o", "b", other.uri().toString())
                .load());
        List<String> old = fixture.send("old", 40);
        await().atMost(LONG)
                .until(() -> replayed.delivered().containsAll(old)
                        && other.delivered().containsAll(old));
        Instant from = Instant.now();
        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
        List<String> recent = fixture.send("recent", 40);
        await().atMost(LONG).until(() -> replayed.count() == 80 && other.count() == 80);

        int partitions = fixture.dispatcher
                .replay(new ResourceId(fixture.namespace, "r"), from)
                .await();

        assertThat(partitions).isEqualTo(3);
        await().atMost(LONG).until(() -> replayed.count() == 120);
        List<String> again = replayed.received().subList(80, 120).stream()
                .map(Subscriber.Received::id)
                .toList();
        assertThat(again).containsExactlyInAnyOrderElementsOf(recent);
        await().during(Duration.ofMillis(500)).until(() -> other.count() == 80);
    }

    @Test
    void reloadAddsAndRemovesTriggersUnderTrafficWithoutLosingTheUnchangedOne() throws Exception {
        Subscriber steady = fixture.subscriber();
        Subscriber added = fixture.subscriber();
        Subscriber removed = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("steady", "b", steady.uri().toString())
                .trigger("removed", "b", removed.uri().toString())
                .load());
        Set<String> sent = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < 30; batch++) {
                sent.addAll(fixture.send("batch" + batch, 20));
            }
        });
        await().atMost(LONG).until(() -> sent.size() >= 100);

        fixture.apply(fixture.resources()
                .trigger("steady", "b", steady.uri().toString())
                .trigger("added", "b", added.uri().toString())
                .load());
        traffic.get(60, TimeUnit.SECONDS);
        List<String> afterReload = fixture.send("after", 100);

        await().atMost(LONG).until(() -> steady.delivered().containsAll(sent));
        await().atMost(LONG).until(() -> added.delivered().containsAll(afterReload));
        int removedCount = removed.count();
        fixture.send("later", 50);
        await().during(Duration.ofMillis(500)).until(() -> removed.count() == removedCount);
        assertThat(removed.delivered()).doesNotContainAnyElementsOf(afterReload);
        assertThat(fixture.dispatcher.dispatching())
                .containsExactlyInAnyOrder(
                        new ResourceId(fixture.namespace, "steady"), new ResourceId(fixture.namespace, "added"));
    }

    @Test
    void redriveSendsTheTriggersParkedEventsBackOnceAndLeavesOthersParked() throws Exception {
        Subscriber failing = fixture.subscriber().answering(400);
        Subscriber otherFailing = fixture.subscriber().answering(400);
        fixture.apply(fixture.resources()
                .trigger("t", "b", failing.uri().toString())
                .trigger("other", "b", otherFailing.uri().toString())
                .load());
        List<String> ids = fixture.send("parked", 20);
        try (TopicReader dlq = new TopicReader(fixture.kafka.bootstrapServers(), fixture.deadLetterTopic())) {
            await().atMost(LONG).until(() -> dlq.poll().size() == 40);
        }
        failing.answering(202);

        int redriven = fixture.dispatcher
                .redrive(new ResourceId(fixture.namespace, "t"))
                .await();

        assertThat(redriven).isEqualTo(20);
        await().atMost(LONG).until(() -> failing.delivered().containsAll(ids));
        assertThat(failing.received())
                .allSatisfy(event -> assertThat(event.ceHeaders()).doesNotContainKey("ce-knativeerrordest"));
        await().atMost(LONG)
                .until(() -> committedTotal(
                                TriggerBindings.groupId(new ResourceId(fixture.namespace, "t"), "b") + ".redrive", true)
                        == 40);
        // asked again while the first still runs, the answer is the running redrive's; once done, nothing is left
        await().atMost(LONG)
                .until(() -> fixture.dispatcher
                                .redrive(new ResourceId(fixture.namespace, "t"))
                                .await()
                        == 0);
        assertThat(failing.count()).isEqualTo(20);
        assertThat(otherFailing.delivered()).isEmpty();
    }

    @Test
    void redriveHoldsWhileTheTriggerIsPausedAndKeepsItsRateLimit() throws Exception {
        Subscriber subscriber = fixture.subscriber().answering(400);
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString())
                .load());
        List<String> ids = fixture.send("parked", 20);
        try (TopicReader dlq = new TopicReader(fixture.kafka.bootstrapServers(), fixture.deadLetterTopic())) {
            await().atMost(LONG).until(() -> dlq.poll().size() == 20);
        }
        int failedAttempts = subscriber.count();
        subscriber.answering(202);
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/paused", "true"), null)
                .load());

        int redriven = fixture.dispatcher
                .redrive(new ResourceId(fixture.namespace, "t"))
                .await();

        assertThat(redriven).isEqualTo(20);
        await().during(Duration.ofSeconds(1)).atMost(LONG).until(() -> subscriber.count() == failedAttempts);

        long resumed = System.nanoTime();
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/rate-limit", "10"), null)
                .load());
        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(ids));

        // 20 events at 10/s with a burst of 1 or 2: at least ~1.8 s after the resume
        assertThat((System.nanoTime() - resumed) / 1_000_000).isGreaterThanOrEqualTo(1_700);
        assertThat(subscriber.delivered()).hasSize(20);
    }

    @Test
    void rateLimitSpacesDeliveries() throws Exception {
        Subscriber subscriber = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/rate-limit", "20"), null)
                .load());

        long start = System.nanoTime();
        List<String> ids = fixture.send("r", 40);
        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(ids));

        // 40 events at 20/s with a burst of 2: at least ~1.9 s
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_800);
    }

    @Test
    void drainLetsInFlightDeliveriesEndCommitsThemAndLeavesTheGroup() throws Exception {
        Subscriber subscriber = fixture.subscriber().withLatency(event -> 1_000);
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString())
                .load());
        fixture.send("slow", 30);
        await().atMost(LONG).until(() -> subscriber.maxConcurrent() == 30);

        fixture.dispatcher.drainAndStop(Duration.ofSeconds(20));

        assertThat(subscriber.count()).isEqualTo(30);
        assertThat(committedTotal("t")).isEqualTo(30);
        String group = TriggerBindings.groupId(new ResourceId(fixture.namespace, "t"), "b");
        assertThat(fixture.admin
                        .describeConsumerGroups(List.of(group))
                        .all()
                        .get()
                        .get(group)
                        .members())
                .isEmpty();
    }

    @Test
    void triggerThatIsNotReadyDoesNotDispatch() throws Exception {
        Subscriber subscriber = fixture.subscriber();
        fixture.apply(fixture.resources()
                .trigger("orphan", "missing-broker", subscriber.uri().toString())
                .trigger("t", "b", subscriber.uri().toString())
                .load());

        assertThat(fixture.dispatcher.dispatching()).containsExactly(new ResourceId(fixture.namespace, "t"));
    }

    private long timeToDeliver(Subscriber subscriber, List<String> ids) {
        long start = System.nanoTime();
        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(ids));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private long committedTotal(String trigger) throws Exception {
        return committedTotal(TriggerBindings.groupId(new ResourceId(fixture.namespace, trigger), "b"), true);
    }

    private long committedTotal(String group, boolean unused) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = fixture.admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
}
