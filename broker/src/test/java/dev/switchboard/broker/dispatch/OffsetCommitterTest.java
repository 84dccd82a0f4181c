package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;

class OffsetCommitterTest {
    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final long INTERVAL_MS = 500;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final DeferringConsumer consumer = new DeferringConsumer();
    private final OffsetTracker tracker = new OffsetTracker();
    private final OffsetCommitter commits = new OffsetCommitter(consumer, tracker, INTERVAL_MS, now::get, "default/t");

    OffsetCommitterTest() {
        consumer.assign(Set.of(P0));
    }

    @Test
    void commitsSettledOffsetsOnlyOnceTheIntervalHasPassed() {
        tracker.track(P0, 0).settle();

        commits.commitIfDue();
        assertThat(consumer.sent).isEmpty();

        elapse(INTERVAL_MS);
        commits.commitIfDue();
        assertThat(consumer.sent).containsExactly(Map.of(P0, 1L));
    }

    @Test
    void periodicCommitsDoNotWaitForTheCoordinator() {
        tracker.track(P0, 0).settle();
        elapse(INTERVAL_MS);

        commits.commitIfDue();

        assertThat(consumer.syncCommits).isZero();
        assertThat(consumer.pending).hasSize(1);
        assertThat(consumer.committed(Set.of(P0))).isEmpty();
    }

    @Test
    void keepsAtMostOneCommitInFlightAndCommitsWhatSettledMeanwhileAfterIt() {
        tracker.track(P0, 0).settle();
        elapse(INTERVAL_MS);
        commits.commitIfDue();
        tracker.track(P0, 1).settle();

        elapse(INTERVAL_MS);
        commits.commitIfDue();
        assertThat(consumer.sent).containsExactly(Map.of(P0, 1L));

        consumer.completeAll();
        elapse(INTERVAL_MS);
        commits.commitIfDue();
        assertThat(consumer.sent).containsExactly(Map.of(P0, 1L), Map.of(P0, 2L));
    }

    @Test
    void commitsAFailedOffsetAgainAtTheNextInterval() {
        tracker.track(P0, 0).settle();
        elapse(INTERVAL_MS);
        commits.commitIfDue();
        consumer.failAll(new RetriableCommitFailedException("coordinator moved"));

        elapse(INTERVAL_MS);
        commits.commitIfDue();

        assertThat(consumer.sent).containsExactly(Map.of(P0, 1L), Map.of(P0, 1L));
    }

    @Test
    void aSuccessfulCommitIsNotRepeated() {
        tracker.track(P0, 0).settle();
        elapse(INTERVAL_MS);
        commits.commitIfDue();
        consumer.completeAll();

        elapse(INTERVAL_MS);
        commits.commitIfDue();

        assertThat(consumer.sent).hasSize(1);
        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(1L);
    }

    @Test
    void aCommitCompletingAfterAReplayDoesNotHideTheReplayedPartitionsNextCommit() {
        for (long offset = 0; offset < 10; offset++) {
            tracker.track(P0, offset).settle();
        }
        elapse(INTERVAL_MS);
        commits.commitIfDue();

        commits.forget(Set.of(P0));
        commits.commitNow(Map.of(P0, 3L));
        tracker.track(P0, 3).settle();
        consumer.completeAll();
        elapse(INTERVAL_MS);
        commits.commitIfDue();

        assertThat(consumer.sent).last().isEqualTo(Map.of(P0, 4L));
    }

    @Test
    void fencingMetByAnAsynchronousCommitStopsTheCursorAtItsNextCommit() {
        tracker.track(P0, 0).settle();
        elapse(INTERVAL_MS);
        commits.commitIfDue();
        consumer.failAll(new FencedInstanceIdException("another process uses this id"));

        assertThatThrownBy(commits::commitIfDue).isInstanceOf(FencedInstanceIdException.class);
    }

    @Test
    void commitNowIsSynchronous() {
        tracker.track(P0, 0).settle();

        commits.commitNow();

        assertThat(consumer.syncCommits).isEqualTo(1);
        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(1L);
        assertThat(tracker.committable()).isEmpty();
    }

    private void elapse(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** A consumer whose asynchronous commits complete only when the test says so, as a coordinator's would. */
    private static final class DeferringConsumer extends MockConsumer<String, byte[]> {
        private final List<Map<TopicPartition, Long>> sent = new ArrayList<>();
        private final List<Runnable> pending = new ArrayList<>();
        private final List<java.util.function.Consumer<Exception>> failures = new ArrayList<>();
        private int syncCommits;
        private boolean applying;

        DeferringConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitAsync(
                Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            if (applying) {
                super.commitAsync(offsets, callback);
                return;
            }
            Map<TopicPartition, Long> plain = new HashMap<>();
            offsets.forEach((partition, offset) -> plain.put(partition, offset.offset()));
            sent.add(plain);
            pending.add(() -> {
                apply(offsets);
                callback.onComplete(offsets, null);
            });
            failures.add(error -> callback.onComplete(offsets, error));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            syncCommits++;
            apply(offsets);
        }

        /** MockConsumer commits synchronously through its own commitAsync. */
        private void apply(Map<TopicPartition, OffsetAndMetadata> offsets) {
            applying = true;
            try {
                super.commitSync(offsets);
            } finally {
                applying = false;
            }
        }

        void completeAll() {
            List<Runnable> due = new ArrayList<>(pending);
            pending.clear();
            failures.clear();
            due.forEach(Runnable::run);
        }

        void failAll(Exception error) {
            List<java.util.function.Consumer<Exception>> due = new ArrayList<>(failures);
            pending.clear();
            failures.clear();
            due.forEach(failure -> failure.accept(error));
        }
    }
}
