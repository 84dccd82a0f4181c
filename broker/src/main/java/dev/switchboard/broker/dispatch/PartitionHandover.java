package dev.switchboard.broker.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions of a broker moving to and from this process's shared reader (docs/operations.md, docs/architecture.md principle 4): a
 * revoked partition's settled offsets are written for every trigger before another process takes it; an
 * assigned one reads every trigger's stored position there in one batched call, and the reader starts where
 * (almost) all of them are. Records that retention deleted before a trigger read them are skipped, counted and
 * logged, here and wherever a reader meets them (docs/delivery.md "Retention").
 *
 * <p>Runs on the reader's thread, inside the consumer's {@code poll} (its rebalance callbacks).
 */
final class PartitionHandover implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
    /** How far behind the others a trigger may start and still be read by the shared reader (records). */
    static final long SHARED_START_GAP = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(PartitionHandover.class);
    private static final Duration KAFKA_CALL = Duration.ofSeconds(30);

    private final String topic;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final SharedPosition position;
    private final TriggerProgress progress;
    private final CatchUpReaders catchUps;
    private final Triggers triggers;
    private final LongSupplier nanoTime;

    PartitionHandover(
            String topic,
            org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
            SharedPosition position,
            TriggerProgress progress,
            CatchUpReaders catchUps,
            Triggers triggers,
            LongSupplier nanoTime) {
        this.topic = topic;
        this.consumer = consumer;
        this.position = position;
        this.progress = progress;
        this.catchUps = catchUps;
        this.triggers = triggers;
        this.nanoTime = nanoTime;
    }

    /** The reader's triggers, as the handover sees them. */
    interface Triggers {
        /** The triggers the reader feeds (attached or detached). */
        Collection<CursorState> running();

        /** Triggers stopping (draining): no longer fed, but their progress in these partitions is still theirs. */
        Collection<CursorState> stopping();

        /** Detaches an attached trigger where the reader is now. */
        void detach(CursorState state);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        catchUps.releaseAll();
        Collection<CursorState> states = triggers.running();
        List<String> groups = states.stream().map(CursorState::group).toList();
        Map<String, Map<TopicPartition, Long>> stored = progress.load(groups, partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KAFKA_CALL);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_CALL);
        Map<Integer, Long> readFrom = new HashMap<>();
        for (TopicPartition partition : partitions) {
            int p = partition.partition();
            long start = starts.get(partition);
            long end = ends.get(partition);
            List<Long> positions = new ArrayList<>();
            for (CursorState state : states) {
                long at = stored.getOrDefault(state.group(), Map.of()).getOrDefault(partition, start);
                state.own(p, Math.min(at, end));
                state.skipExpired(p, start);
                positions.add(state.next(p));
            }
            readFrom.put(p, sharedStart(positions, end));
        }
        for (CursorState state : states) {
            boolean behind = readFrom.entrySet().stream().anyMatch(e -> state.next(e.getKey()) < e.getValue());
            if (behind && state.attached()) {
                triggers.detach(state); // before the new partitions are the reader's: they are not passed over
            } else if (behind) {
                catchUps.add(state);
            }
        }
        readFrom.forEach((p, offset) -> {
            position.take(p, offset);
            consumer.seek(new TopicPartition(topic, p), offset);
        });
        LOG.info("shared reader of {} reads {} from {} for {} trigger(s)", topic, partitions, readFrom, states.size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        giveUp(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        giveUp(partitions, false);
    }

    /**
     * Where the shared reader starts in a partition: the lowest trigger position not more than
     * {@value #SHARED_START_GAP} records behind the median one. Re-reading a little for the triggers ahead costs
     * one decode per record; a trigger far behind (a new {@code start-from: earliest}) reads on its own instead.
     */
    static long sharedStart(List<Long> positions, long logEnd) {
        if (positions.isEmpty()) {
            return logEnd;
        }
        List<Long> sorted = positions.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        return sorted.stream()
                .filter(at -> at >= median - SHARED_START_GAP)
                .findFirst()
                .orElse(median);
    }

    /** The shared reader met offsets that retention deleted: every trigger that had not read them skips them. */
    void skipExpired(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KAFKA_CALL);
        starts.forEach((partition, start) -> {
            int p = partition.partition();
            for (CursorState state : triggers.running()) {
                if (state.attached()) {
                    position.offeredTo(state, p);
                }
                state.skipExpired(p, start);
            }
            position.skipTo(p, start);
            consumer.seek(partition, position.next(p));
        });
    }

    /** Writes what settled in the partitions (unless they were lost), then forgets them everywhere. */
    private void giveUp(Collection<TopicPartition> partitions, boolean commit) {
        List<TopicPartition> revoked = partitions.stream()
                .filter(partition -> position.owns(partition.partition()))
                .toList();
        if (revoked.isEmpty()) {
            return;
        }
        catchUps.releaseAll();
        List<CursorState> all = new ArrayList<>(triggers.running());
        all.addAll(triggers.stopping());
        if (commit) {
            Map<CursorState, Map<TopicPartition, Long>> offsets = new HashMap<>();
            for (CursorState state : all) {
                if (state.attached()) {
                    revoked.forEach(tp -> position.offeredTo(state, tp.partition()));
                }
                offsets.put(state, state.committable(revoked));
            }
            progress.commitNow(offsets, nanoTime.getAsLong());
        }
        all.forEach(state -> state.disown(revoked));
        revoked.forEach(tp -> position.release(tp.partition()));
        LOG.info("shared reader of {} gave up {}", topic, revoked);
    }
}
