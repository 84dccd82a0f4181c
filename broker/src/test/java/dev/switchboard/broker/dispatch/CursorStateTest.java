package dev.switchboard.broker.dispatch;

import static dev.switchboard.broker.dispatch.ResourceYaml.annotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.telemetry.LogFields;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A trigger's cursor state fed by hand, with no Kafka: positions, filtering, commits, read-ahead, backlog. */
class CursorStateTest {
    private static final String TOPIC = CursorStates.TOPIC;
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final long IDLE = TimeUnit.SECONDS.toNanos(10);
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final HeldDeliveries delivery = new HeldDeliveries();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void recordsItDoesNotMatchSettleInBulkAndAreCommittedPast() {
        CursorState state = state(Map.of());
        state.own(0, 10);

        for (long offset = 10; offset < 15; offset++) {
            state.offer(event("other"), record(0, offset, "other"));
        }

        assertThat(state.next(0)).isEqualTo(15);
        assertThat(state.commitDue(IDLE, 0, IDLE)).containsExactly(Map.entry(P0, 15L));
        assertThat(delivery.started()).isEmpty();
    }

    @Test
    void aMatchingRecordHoldsTheCommitUntilItsDeliverySettled() {
        CursorState state = state(Map.of());
        state.own(0, 10);

        state.offer(event("wanted"), record(0, 10, "wanted"));
        state.offer(event("other"), record(0, 11, "other"));
        state.advanceTo(0, 20);
        state.flush();
        await().until(() -> delivery.started().size() == 1);

        assertThat(state.commitDue(IDLE, 0, IDLE)).isEmpty();
        delivery.settle(0);
        await().until(() -> state.commitDue(0, 0, IDLE).equals(Map.of(P0, 20L)));
    }

    @Test
    void aRecordBelowItsPositionIsNotOfferedTwice() {
        CursorState state = state(Map.of());
        state.own(0, 10);
        state.own(1, 3);

        state.handOut(record(0, 10, "wanted").get(), null);

        assertThat(state.wants(0, 9)).isFalse();
        assertThat(state.wants(0, 10)).isFalse();
        assertThat(state.wants(0, 11)).isTrue();
        assertThat(state.wants(1, 3)).isTrue();
        assertThat(state.wants(2, 100)).as("a partition it does not own").isFalse();
        assertThat(state.positions()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 11L, 1, 3L));
    }

    @Test
    void fullAtTheReadAheadLimitAndReadableAgainOnlyOnceHalfDrained() {
        CursorState state = state(annotations("switchboard.dev/max-in-flight", "100"));
        int readAhead = CursorState.readAhead(state.binding());
        state.own(0, 0);

        for (int offset = 0; offset < readAhead; offset++) {
            state.offer(event("wanted"), record(0, offset, "wanted"));
        }
        assertThat(state.full()).isTrue();
        assertThat(state.readable()).isFalse();
        state.flush();
        await().until(() -> delivery.started().size() == 100);

        for (int i = 0; i < 100; i++) {
            delivery.settle(i);
        }
        await().until(() -> delivery.started().size() == 200);
        assertThat(state.full()).isFalse();
        assertThat(state.readable()).as("300 owed of 400: not yet").isFalse();
        for (int i = 100; i < 200; i++) {
            delivery.settle(i);
        }
        await().until(state::readable);
    }

    @Test
    void pausedIsNeverReadable() {
        CursorState state = state(annotations("switchboard.dev/paused", "true"));

        assertThat(state.paused()).isTrue();
        assertThat(state.readable()).isFalse();
        state.update(binding(Map.of()));
        assertThat(state.readable()).isTrue();
    }

    @Test
    void recordsDeletedByRetentionAreSkippedCountedAndCommittedPast() {
        CursorState state = state(Map.of());
        state.own(0, 5);
        Logger logger = (Logger) LoggerFactory.getLogger(CursorState.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);

        try {
            state.skipExpired(0, 20);
            state.skipExpired(0, 12);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getKeyValuePairs())
                    .as("the trigger as a structured field, for logging.format: json")
                    .singleElement()
                    .satisfies(pair -> {
                        assertThat(pair.key).isEqualTo(LogFields.TRIGGER);
                        assertThat(pair.value).hasToString("w/t");
                    });
        });

        assertThat(state.next(0)).isEqualTo(20);
        assertThat(registry.get("switchboard.events.expired")
                        .tags("namespace", "w", "trigger", "t")
                        .counter()
                        .count())
                .isEqualTo(15.0);
        assertThat(state.commitDue(IDLE, 0, IDLE)).containsExactly(Map.entry(P0, 20L));
    }

    @Test
    void replayMakesTicketsStaleAndStartsAgainAtTheNewPosition() {
        CursorState state = state(Map.of());
        state.own(0, 10);
        state.handOut(record(0, 10, "wanted").get(), null);
        state.flush();
        await().until(() -> delivery.started().size() == 1);

        state.moveTo(Map.of(0, 3L));
        delivery.settle(0);

        assertThat(state.next(0)).isEqualTo(3);
        assertThat(state.wants(0, 3)).isTrue();
        state.advanceTo(0, 8);
        await().until(() -> state.commitDue(IDLE, 0, IDLE).equals(Map.of(P0, 8L)));
    }

    @Test
    void commitsWhenDeliveriesSettledOrNowAndThenWhenIdle() {
        CursorState state = state(Map.of());
        state.own(0, 0);
        state.advanceTo(0, 50);

        assertThat(state.commitDue(IDLE / 2, 0, IDLE))
                .as("nothing settled, not idle long enough")
                .isEmpty();
        Map<TopicPartition, Long> due = state.commitDue(IDLE, 0, IDLE);
        assertThat(due).containsExactly(Map.entry(P0, 50L));

        long epoch = state.committing(IDLE);
        assertThat(state.commitDue(3 * IDLE, 0, IDLE))
                .as("one write in flight at a time")
                .isEmpty();
        state.committed(due, epoch, true);
        assertThat(state.commitDue(3 * IDLE, 0, IDLE)).as("already written").isEmpty();
    }

    @Test
    void writesAtMostOncePerIntervalAndRewritesAnUnmovedPositionDaily() {
        CursorState state = state(Map.of());
        state.own(0, 7);
        state.own(1, 9);
        state.advanceTo(0, 50);
        long interval = IDLE / 2;

        Map<TopicPartition, Long> due = state.commitDue(IDLE, interval, IDLE);
        state.committed(due, state.committing(IDLE), true);
        state.advanceTo(0, 60);
        assertThat(state.commitDue(IDLE + interval / 2, interval, 0))
                .as("within the interval")
                .isEmpty();
        assertThat(state.commitDue(IDLE + interval, interval, 0)).containsExactly(Map.entry(P0, 60L));

        long aDayLater = IDLE + CursorState.REFRESH_NANOS;
        assertThat(state.commitDue(aDayLater, interval, IDLE))
                .as("positions that did not move are written again")
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 60L, P1, 9L));
    }

    @Test
    void aWriteThatEndsAfterARepositioningRecordsNothing() {
        CursorState state = state(Map.of());
        state.own(0, 0);
        state.advanceTo(0, 50);
        Map<TopicPartition, Long> due = state.commitDue(IDLE, 0, IDLE);
        long epoch = state.committing(IDLE);

        state.moveTo(Map.of(0, 0L));
        state.advanceTo(0, 50);
        state.committed(due, epoch, true);

        assertThat(state.commitDue(3 * IDLE, 0, IDLE)).containsExactly(Map.entry(P0, 50L));
    }

    @Test
    void lagCountsTheLogEndsAndAgeTheOldestRecordNotSettledOrNotReadYet() {
        CursorState state = state(Map.of());
        state.own(0, 10);
        state.own(1, 0);
        state.offer(event("wanted"), record(0, 10, "wanted", NOW.minusSeconds(30)));
        state.advanceTo(0, 15);
        state.noteUnread(1, 4, NOW.minusSeconds(90).toEpochMilli());

        state.refreshBacklog(Map.of(0, 40L, 1, 10L));

        assertThat(gauge("switchboard.trigger.lag.events")).isEqualTo(30 + 10);
        assertThat(gauge("switchboard.trigger.oldest.undelivered.age")).isEqualTo(90);
        state.advanceTo(1, 10);
        state.refreshBacklog(Map.of(0, 40L, 1, 10L));
        assertThat(gauge("switchboard.trigger.oldest.undelivered.age")).isEqualTo(30);
    }

    @Test
    void disowningAPartitionForgetsItsPositionAndTickets() {
        CursorState state = state(Map.of());
        state.own(0, 10);
        state.own(1, 10);
        state.handOut(record(1, 10, "wanted").get(), null);

        state.disown(java.util.List.of(P1));

        assertThat(state.owns(1)).isFalse();
        assertThat(state.positions()).containsOnlyKeys(0);
        assertThat(state.committable(java.util.List.of(P1))).isEmpty();
    }

    private double gauge(String name) {
        return registry.get(name).tags("namespace", "w", "trigger", "t").gauge().value();
    }

    private CursorState state(Map<String, String> annotations) {
        TriggerBacklogs backlogs = new TriggerBacklogs(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        return CursorStates.open(vertx, delivery, backlogs, binding(annotations));
    }

    private static TriggerBinding binding(Map<String, String> annotations) {
        return CursorStates.binding("t", annotations);
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.v1()
                .withId("e")
                .withSource(URI.create("/test"))
                .withType(type)
                .build();
    }

    private static Source record(int partition, long offset, String type) {
        return record(partition, offset, type, NOW);
    }

    private static Source record(int partition, long offset, String type, Instant accepted) {
        return new Source(partition, offset, type, accepted.toEpochMilli());
    }

    /** A record as a driver offers it. */
    private record Source(int partition, long offset, String type, long timestamp)
            implements CursorState.InboundEventSource {
        @Override
        public String key() {
            return null;
        }

        @Override
        public InboundEvent get() {
            return new InboundEvent(event(type), TOPIC, partition, offset, timestamp, new HashMap<>());
        }
    }
}
