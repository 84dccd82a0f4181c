package dev.switchboard.broker.dispatch;

import dev.switchboard.triggers.model.StartFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Positions a trigger's consumer group before it reads (docs/delivery.md "New trigger"): every partition the group
 * has no committed offset for gets one committed now — the log end ({@code latest}, the default), the log
 * start ({@code earliest}), or the first record whose timestamp is at or after the instant (the log end when
 * there is none). Committing at creation, not at the first poll, is what makes events accepted between the
 * two reach the trigger. Partitions that already have a position keep it: a restart resumes, it never skips.
 */
final class StartPositions {
    private static final Logger LOG = LoggerFactory.getLogger(StartPositions.class);
    private static final int ATTEMPTS = 3;

    private final Admin admin;
    private final Duration timeout;

    StartPositions(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** One trigger's group to position on its broker's topic. */
    record Group(String groupId, String topic, StartFrom startFrom) {}

    /**
     * As {@link #ensure} for many groups at once (a thousand triggers loaded at startup): one batched read of
     * every group's positions, one offset look-up per kind of start, and the writes sent together. A group whose
     * write fails is positioned again on its own, as {@link #ensure} does.
     *
     * @return each group's position in every partition of its topic
     */
    Map<String, Map<TopicPartition, Long>> ensureAll(List<Group> groups) {
        if (groups.size() <= 1) {
            Map<String, Map<TopicPartition, Long>> one = new HashMap<>();
            groups.forEach(
                    group -> one.put(group.groupId(), ensure(group.groupId(), group.topic(), group.startFrom())));
            return one;
        }
        try {
            return tryEnsureAll(groups);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("positioning {} groups together failed, one by one: {}", groups.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while positioning " + groups.size() + " groups", e);
        }
        Map<String, Map<TopicPartition, Long>> each = new HashMap<>();
        groups.forEach(group -> each.put(group.groupId(), ensure(group.groupId(), group.topic(), group.startFrom())));
        return each;
    }

    private Map<String, Map<TopicPartition, Long>> tryEnsureAll(List<Group> groups)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> topics = groups.stream().map(Group::topic).distinct().toList();
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> partitions.put(
                        topic,
                        description.partitions().stream()
                                .map(info -> new TopicPartition(topic, info.partition()))
                                .toList()));
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(
                group.groupId(), new ListConsumerGroupOffsetsSpec().topicPartitions(partitions.get(group.topic()))));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Map<TopicPartition, Long>> stored = new HashMap<>();
        Map<StartFrom, Map<TopicPartition, OffsetSpec>> lookups = new HashMap<>();
        Map<Group, List<TopicPartition>> missing = new HashMap<>();
        for (Group group : groups) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : partitions.get(group.topic())) {
                OffsetAndMetadata offset =
                        committed.getOrDefault(group.groupId(), Map.of()).get(partition);
                if (offset == null || offset.offset() < 0) {
                    missing.computeIfAbsent(group, g -> new ArrayList<>()).add(partition);
                    lookups.computeIfAbsent(group.startFrom(), s -> new HashMap<>())
                            .put(partition, spec(group.startFrom()));
                } else {
                    positions.put(partition, offset.offset());
                }
            }
            stored.put(group.groupId(), positions);
        }
        Map<StartFrom, Map<TopicPartition, Long>> resolved = new HashMap<>();
        for (Map.Entry<StartFrom, Map<TopicPartition, OffsetSpec>> lookup : lookups.entrySet()) {
            resolved.put(lookup.getKey(), resolve(lookup.getValue()));
        }
        Map<Group, KafkaFuture<Void>> writes = new HashMap<>();
        missing.forEach((group, unpositioned) -> {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (TopicPartition partition : unpositioned) {
                long offset = resolved.get(group.startFrom()).get(partition);
                commit.put(partition, new OffsetAndMetadata(offset));
                stored.get(group.groupId()).put(partition, offset);
            }
            writes.put(
                    group,
                    admin.alterConsumerGroupOffsets(group.groupId(), commit).all());
        });
        for (Map.Entry<Group, KafkaFuture<Void>> write : writes.entrySet()) {
            Group group = write.getKey();
            try {
                write.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.debug("positioned consumer group {} ({})", group.groupId(), describe(group.startFrom()));
            } catch (ExecutionException e) {
                stored.put(group.groupId(), ensure(group.groupId(), group.topic(), group.startFrom()));
            }
        }
        LOG.info("positioned {} new consumer group(s) of {} trigger(s) loaded together", writes.size(), groups.size());
        return stored;
    }

    /**
     * Commits start positions for the group's unpositioned partitions of {@code topic}.
     *
     * @return the group's position in every partition of the topic: the ones it had, and the ones set now
     */
    Map<TopicPartition, Long> ensure(String groupId, String topic, StartFrom startFrom) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryEnsure(groupId, topic, startFrom);
            } catch (ExecutionException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException(
                            "cannot position consumer group " + groupId + " on " + topic + ": " + e.getCause(), e);
                }
                // another member of the group (a second process) may have become active: look again
                LOG.debug(
                        "positioning {} failed, looking again: {}",
                        groupId,
                        e.getCause().toString());
            } catch (TimeoutException e) {
                throw new IllegalStateException("positioning consumer group " + groupId + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while positioning " + groupId, e);
            }
        }
    }

    private Map<TopicPartition, Long> tryEnsure(String groupId, String topic, StartFrom startFrom)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic)
                .partitions();
        Map<TopicPartition, OffsetSpec> missing = new HashMap<>();
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (TopicPartitionInfo info : partitions) {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                missing.put(partition, spec(startFrom));
            } else {
                stored.put(partition, offset.offset());
            }
        }
        if (missing.isEmpty()) {
            return stored;
        }
        Map<TopicPartition, Long> positions = resolve(missing);
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        positions.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(groupId, commit).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("positioned consumer group {} ({}) at {}", groupId, describe(startFrom), positions);
        stored.putAll(positions);
        return stored;
    }

    private Map<TopicPartition, Long> resolve(Map<TopicPartition, OffsetSpec> specs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                admin.listOffsets(specs).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> positions = new HashMap<>();
        Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
        found.forEach((partition, info) -> {
            if (info.offset() >= 0) {
                positions.put(partition, info.offset());
            } else {
                atEnd.put(partition, OffsetSpec.latest());
            }
        });
        if (!atEnd.isEmpty()) {
            admin.listOffsets(atEnd)
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> positions.put(partition, info.offset()));
        }
        return positions;
    }

    private static OffsetSpec spec(StartFrom startFrom) {
        if (startFrom instanceof StartFrom.Earliest) {
            return OffsetSpec.earliest();
        } else if (startFrom instanceof StartFrom.At at) {
            return OffsetSpec.forTimestamp(at.instant().toEpochMilli());
        }
        return OffsetSpec.latest();
    }

    private static String describe(StartFrom startFrom) {
        if (startFrom instanceof StartFrom.At at) {
            return "from " + at.instant();
        }
        return startFrom instanceof StartFrom.Earliest ? "earliest" : "latest";
    }
}
