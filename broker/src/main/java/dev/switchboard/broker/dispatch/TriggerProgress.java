package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.telemetry.LogFields;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each trigger's durable position (docs/architecture.md principle 4): the committed offsets of the trigger's own consumer
 * group {@code switchboard.{ns}.{broker}.{trigger}}, written with the Admin API. The group has no members — the
 * shared reader and the catch-up readers read without joining it — so Kafka accepts the writes, and every tool that
 * reads consumer-group lag (kafka-consumer-groups, kafka-lag-exporter, KEDA, Burrow) sees each trigger's progress.
 * Why groups and not a compacted topic of our own: docs/dispatch.md, "Where progress is stored".
 *
 * <p>At most one asynchronous write is in flight per trigger; the synchronous path ({@link #commitNow}: revoke,
 * replay, stop) first waits for it, so an older write can never land after a newer one.
 */
final class TriggerProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerProgress.class);

    private final Admin admin;
    private final Duration timeout;
    private final Map<CursorState, KafkaFuture<Void>> inFlight = new ConcurrentHashMap<>();

    TriggerProgress(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * The stored positions of each group in {@code partitions}, in one batched request; a partition the group has
     * no position for is absent.
     *
     * @throws IllegalStateException when Kafka does not answer in time
     */
    Map<String, Map<TopicPartition, Long>> load(Collection<String> groups, Collection<TopicPartition> partitions) {
        if (groups.isEmpty() || partitions.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> stored =
                    admin.listConsumerGroupOffsets(specs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Map<TopicPartition, Long>> positions = new HashMap<>();
            stored.forEach((group, offsets) -> {
                Map<TopicPartition, Long> byPartition = new HashMap<>();
                offsets.forEach((partition, offset) -> {
                    if (offset != null && offset.offset() >= 0) {
                        byPartition.put(partition, offset.offset());
                    }
                });
                positions.put(group, byPartition);
            });
            return positions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the positions of " + groups.size() + " trigger(s): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading trigger positions", e);
        }
    }

    /** Writes {@code offsets} for the trigger in the background; the trigger learns the outcome. */
    void commit(CursorState state, Map<TopicPartition, Long> offsets, long nowNanos) {
        if (offsets.isEmpty()) {
            return;
        }
        long epoch = state.committing(nowNanos);
        KafkaFuture<Void> written = admin.alterConsumerGroupOffsets(state.group(), metadata(offsets))
                .all();
        inFlight.put(state, written);
        written.whenComplete((ignored, error) -> {
            inFlight.remove(state, written);
            state.committed(offsets, epoch, error == null);
            if (error != null) {
                LOG.debug(
                        "trigger {}: writing {} failed, the next commit carries it: {}",
                        state,
                        offsets,
                        error.toString());
            }
        });
    }

    /**
     * Writes each trigger's offsets now and waits (bounded) for every write: the positions are durable when this
     * returns, unless a write failed (logged; the next commit carries it).
     */
    void commitNow(Map<CursorState, Map<TopicPartition, Long>> offsets, long nowNanos) {
        offsets.keySet().forEach(this::awaitInFlight);
        List<Map.Entry<CursorState, Map<TopicPartition, Long>>> due = offsets.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .toList();
        due.forEach(entry -> commit(entry.getKey(), entry.getValue(), nowNanos));
        due.forEach(entry -> awaitInFlight(entry.getKey()));
    }

    private void awaitInFlight(CursorState state) {
        KafkaFuture<Void> written = inFlight.get(state);
        if (written == null) {
            return;
        }
        try {
            written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.atWarn()
                    .addKeyValue(LogFields.TRIGGER, state.id())
                    .log("trigger {}: writing its position failed: {}", state, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> metadata(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        return commit;
    }
}
