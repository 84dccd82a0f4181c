package dev.switchboard.broker.dispatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a cursor's settled offsets (ARCHITECTURE decision 4: contiguously, {@link OffsetTracker}) without
 * stalling its reads. While the cursor runs, commits are asynchronous, at most one in flight, every
 * {@code interval}: a synchronous commit there would hold every record fetched meanwhile for a round trip to
 * the group coordinator, which is what the end-to-end tail was made of (docs/benchmarks.md, "Latency tail").
 * Where the position must be durable before going on — partitions revoked, a replay's new position, the
 * final commit on stop — {@link #commitNow} is synchronous; Kafka applies one consumer's commits in the order
 * they were sent, so an earlier asynchronous commit can never land after it.
 *
 * <p>Only the cursor's thread calls it (the consumer runs commit callbacks on that thread, inside
 * {@code poll} or {@code commit*}). A callback that arrives after its partitions were {@linkplain #forget
 * forgotten} records nothing: the partition's fresh ledger must still commit its own position.
 */
final class OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<?, ?> consumer;
    private final OffsetTracker tracker;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final String owner;
    private long lastCommit;
    private long epoch;
    private boolean inFlight;
    private FencedInstanceIdException fenced;

    /**
     * @param consumer the cursor's consumer
     * @param tracker which offsets are settled
     * @param intervalMillis how often settled offsets are committed while the cursor runs
     * @param nanoTime the monotonic clock
     * @param owner names the trigger in log lines
     */
    OffsetCommitter(
            Consumer<?, ?> consumer, OffsetTracker tracker, long intervalMillis, LongSupplier nanoTime, String owner) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.nanoTime = nanoTime;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.owner = owner;
        this.lastCommit = nanoTime.getAsLong();
    }

    /**
     * Starts an asynchronous commit of what settled since the last one, when the interval has passed and no
     * commit is in flight. Never blocks. Throws the {@link FencedInstanceIdException} an earlier commit met.
     */
    void commitIfDue() {
        if (fenced != null) {
            throw fenced;
        }
        long now = nanoTime.getAsLong();
        if (inFlight || now - lastCommit < intervalNanos) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, Long> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        inFlight = true;
        long sentIn = epoch;
        try {
            consumer.commitAsync(metadata(offsets), (committed, error) -> {
                inFlight = false;
                if (error == null) {
                    if (sentIn == epoch) {
                        tracker.committed(offsets);
                    }
                } else if (error instanceof FencedInstanceIdException e) {
                    fenced = e;
                } else {
                    LOG.debug(
                            "trigger {}: commit of {} failed, next one in {} ms: {}",
                            owner,
                            offsets,
                            intervalNanos / 1_000_000,
                            error.toString());
                }
            });
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            inFlight = false;
            LOG.warn("trigger {}: commit of {} failed, will retry: {}", owner, offsets, e.toString());
        }
    }

    /** Commits every settled offset now, synchronously (stop, drain). */
    void commitNow() {
        commitNow(tracker.committable());
    }

    /**
     * Commits {@code offsets} synchronously; a failure other than fencing is logged and left to the next
     * commit. Throws {@link FencedInstanceIdException}.
     */
    void commitNow(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(metadata(offsets));
            tracker.committed(offsets);
        } catch (FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("trigger {}: commit of {} failed, will retry: {}", owner, offsets, e.toString());
        }
    }

    /**
     * Retires these partitions' ledgers (revoked, lost, re-positioned): commits in flight for them record
     * nothing when they complete.
     */
    void forget(Collection<TopicPartition> partitions) {
        epoch++;
        tracker.forget(partitions);
    }

    private static Map<TopicPartition, OffsetAndMetadata> metadata(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        return commit;
    }
}
