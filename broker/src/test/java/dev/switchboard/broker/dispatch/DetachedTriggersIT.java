package dev.switchboard.broker.dispatch;

import static dev.switchboard.broker.dispatch.ResourceYaml.annotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.search.RequiredSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Triggers that leave the shared reader and come back (docs/delivery.md "Scale", "Retention"): paused, stuck behind a
 * dead subscriber, or behind records that retention deleted. The others keep their pace; nothing is lost.
 */
@ExtendWith(KafkaExtension.class)
class DetachedTriggersIT {
    private static final Duration LONG = Duration.ofMinutes(2);

    @RegisterExtension
    final FreshDispatch dispatch = new FreshDispatch();

    private DispatchFixture fixture;

    @BeforeEach
    void start() {
        fixture = dispatch.fixture();
    }

    @Test
    void aTriggerPausedForAMinuteThenResumedGetsEverythingWhileAnotherKeepsDelivering() throws Exception {
        Subscriber paused = fixture.subscriber();
        Subscriber live = fixture.subscriber();
        ResourceYaml running = fixture.resources()
                .trigger("live", "b", live.uri().toString())
                .trigger("paused", "b", paused.uri().toString());
        fixture.apply(running.load());
        fixture.apply(fixture.resources()
                .trigger("live", "b", live.uri().toString())
                .trigger("paused", "b", paused.uri().toString(), annotations("switchboard.dev/paused", "true"), null)
                .load());

        List<String> sent = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int round = 0; System.nanoTime() < end; round++) {
            List<String> ids = fixture.send("r" + round, 20);
            sent.addAll(ids);
            await().atMost(LONG).until(() -> live.delivered().containsAll(ids));
        }
        assertThat(paused.count()).isZero();
        await().atMost(LONG).until(() -> gauge("switchboard.trigger.lag.events", "paused") == sent.size());
        await().atMost(LONG).until(() -> gauge("switchboard.trigger.oldest.undelivered.age", "paused") > 50);

        fixture.apply(running.load());

        await().atMost(LONG).until(() -> paused.delivered().containsAll(sent));
        assertThat(paused.count()).isEqualTo(sent.size());
        assertThat(live.count()).isEqualTo(sent.size());
        await().atMost(LONG).until(() -> gauge("switchboard.trigger.lag.events", "paused") == 0);
    }

    @Test
    void aDeadSubscriberDetachesItsTriggerAndTheOthersKeepDelivering() throws Exception {
        Duration retries = Duration.ofMinutes(4);
        Subscriber dead = fixture.subscriber().answering(503);
        Subscriber alive = fixture.subscriber();
        ResourceYaml yaml = fixture.resources()
                .trigger("dead", "b", dead.uri().toString(), annotations("switchboard.dev/max-in-flight", "1"), null);
        for (int i = 0; i < 20; i++) {
            yaml.trigger("alive" + i, "b", alive.uri() + "a" + i);
        }
        fixture.apply(yaml.load());

        // far past the dead trigger's read-ahead (256): it must detach, not hold the shared reader
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            ids.addAll(fixture.send("e" + round, 100));
        }

        await().atMost(LONG).until(() -> alive.count() == 20 * ids.size());
        assertThat(alive.delivered()).containsAll(ids);
        assertThat(gauge("switchboard.trigger.lag.events", "dead")).isGreaterThan(0);
        dead.answering(200);
        await().atMost(retries).until(() -> dead.delivered().containsAll(ids));
    }

    @Test
    void aLoneStuckTriggerHoldsTheSharedReaderInsteadOfDetachingAndItsLagKeepsGrowing() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Duration retries = Duration.ofMinutes(4);
            Subscriber stuck = fixture.subscriber().answering(503);
            fixture.apply(fixture.resources()
                    .trigger(
                            "stuck",
                            "b",
                            stuck.uri().toString(),
                            annotations("switchboard.dev/max-in-flight", "1"),
                            null)
                    .load());

            // far past the read-ahead (256) and one poll (500): the reader holds after the first of them, so the
            // rest arrive while its partitions are paused and are known only from the log ends
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                ids.addAll(fixture.send("e" + round, 100));
            }

            await().atMost(LONG).until(() -> gauge("switchboard.trigger.lag.events", "stuck") >= ids.size() - 1);
            await().atMost(LONG).until(() -> gauge("switchboard.trigger.oldest.undelivered.age", "stuck") > 0);
            assertThat(logs.lines())
                    .anyMatch(line -> line.contains("shared reader of " + fixture.topic() + " holds"))
                    .noneMatch(line -> line.contains("trigger " + fixture.namespace + "/stuck detached"));

            stuck.answering(200);
            await().atMost(retries).until(() -> stuck.delivered().containsAll(ids));
            assertThat(logs.lines())
                    .anyMatch(line -> line.contains("shared reader of " + fixture.topic() + " reads on"));
            await().atMost(LONG).until(() -> gauge("switchboard.trigger.lag.events", "stuck") == 0);
        }
    }

    @Test
    void aTriggerAddedBehindTheReaderWhileNoOtherIsAttachedIsFedByTheSharedReaderNotOnItsOwn() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Subscriber first = fixture.subscriber();
            fixture.apply(fixture.resources()
                    .trigger("first", "b", first.uri().toString())
                    .load());
            List<String> old = fixture.send("old", 200);
            await().atMost(LONG).until(() -> first.delivered().containsAll(old));
            fixture.apply(fixture.resources().load()); // the reader is past them now, with no trigger

            Subscriber late = fixture.subscriber();
            fixture.apply(fixture.resources()
                    .trigger(
                            "late",
                            "b",
                            late.uri().toString(),
                            annotations("switchboard.dev/start-from", "earliest"),
                            null)
                    .load());
            await().atMost(LONG).until(() -> late.delivered().containsAll(old));
            List<String> recent = fixture.send("recent", 20);
            await().atMost(LONG).until(() -> late.delivered().containsAll(recent));

            assertThat(late.count()).isEqualTo(old.size() + recent.size());
            assertFedByTheSharedReader(logs, "late");
        }
    }

    @Test
    void aLoneTriggerReplayingMovesTheSharedReaderBackInsteadOfReadingOnItsOwn() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Subscriber lone = fixture.subscriber();
            fixture.apply(fixture.resources()
                    .trigger("lone", "b", lone.uri().toString())
                    .load());
            Instant from = Instant.now().minusSeconds(1);
            List<String> sent = fixture.send("e", 100);
            await().atMost(LONG).until(() -> lone.delivered().containsAll(sent));

            int partitions = fixture.dispatcher
                    .replay(new ResourceId(fixture.namespace, "lone"), from)
                    .await();

            assertThat(partitions).isEqualTo(3);
            await().atMost(LONG).until(() -> lone.count() == 2 * sent.size());
            assertThat(lone.received().subList(sent.size(), 2 * sent.size()))
                    .extracting(Subscriber.Received::id)
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertFedByTheSharedReader(logs, "lone");
        }
    }

    @Test
    void eventsDeletedByRetentionBeforeDeliveryAreSkippedCountedAndLogged() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            deletedRecordsAreSkippedCountedAndLogged(logs);
        }
    }

    /**
     * Whichever reader meets the deleted offsets first — the shared one, if it had not fetched them yet, or the
     * trigger's catch-up reader when it resumes — the trigger skips them, counts them and says so.
     */
    private void deletedRecordsAreSkippedCountedAndLogged(CapturedLogs logs) throws Exception {
        Subscriber subscriber = fixture.subscriber();
        ResourceYaml running =
                fixture.resources().trigger("t", "b", subscriber.uri().toString());
        fixture.apply(running.load());
        fixture.apply(fixture.resources()
                .trigger("t", "b", subscriber.uri().toString(), annotations("switchboard.dev/paused", "true"), null)
                .load());
        fixture.send("old", 60);
        Map<TopicPartition, RecordsToDelete> deletion = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(fixture.topic(), p), OffsetSpec.latest());
        }
        long deleted = 0;
        for (var end : fixture.admin.listOffsets(latest).all().get().entrySet()) {
            deletion.put(
                    end.getKey(), RecordsToDelete.beforeOffset(end.getValue().offset()));
            deleted += end.getValue().offset();
        }
        fixture.admin.deleteRecords(deletion).all().get();
        List<String> kept = fixture.send("kept", 30);

        fixture.apply(running.load());

        await().atMost(LONG).until(() -> subscriber.delivered().containsAll(kept));
        assertThat(subscriber.delivered()).hasSize(30);
        await().atMost(LONG).until(() -> expired("t") == 60);
        assertThat(deleted).isEqualTo(60);
        assertThat(logs.lines())
                .anyMatch(line -> line.startsWith("WARN")
                        && line.contains("trigger " + fixture.namespace + "/t")
                        && line.contains("deleted by retention"));
    }

    /** The shared reader moved to {@code trigger}, which never read on a catch-up reader of its own. */
    private void assertFedByTheSharedReader(CapturedLogs logs, String trigger) {
        String id = fixture.namespace + "/" + trigger;
        assertThat(logs.lines())
                .anyMatch(line -> line.contains("shared reader of " + fixture.topic() + " moves to trigger " + id))
                .noneMatch(line -> line.contains("trigger " + id + " reads on its own"));
    }

    private double gauge(String name, String trigger) {
        return search(name, trigger).gauge().value();
    }

    private double expired(String trigger) {
        return search("switchboard.events.expired", trigger).counter().count();
    }

    private RequiredSearch search(String name, String trigger) {
        return fixture.registry.get(name).tags("namespace", fixture.namespace, "trigger", trigger);
    }
}
