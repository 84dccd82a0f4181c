package dev.switchboard.broker.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drivers of detached triggers (docs/architecture.md principle 4): a trigger that fell behind the broker's shared
 * reader — its window was full, it was paused, replayed, or added behind the head — reads on its own, from its own
 * position, with a consumer that joins no group, until it reaches the shared reader's position on every partition;
 * then it re-attaches. Consumers are bounded by {@code slots} whatever the number of triggers: detached triggers
 * that can read take turns (a slice each while others wait), and ones that cannot (paused, or window full while
 * another waits for a slot) hold no consumer at all, so a dead subscriber costs nothing here. A trigger whose window
 * is full keeps its consumer and the records it fetched past what the trigger took while no other trigger waits:
 * giving it back would cost a seek and a fetch of the same records again at every fill, which bounded a busy
 * detached trigger to far less than its subscriber could take (docs/benchmarks.md, "Hot path"). Idle consumers are
 * kept for reuse, then closed.
 *
 * <p>Runs on the broker reader's thread, like the shared reader: one thread feeds every cursor state.
 */
final class CatchUpReaders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpReaders.class);
    private static final long SLICE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long IDLE_CLOSE_NANOS = Duration.ofSeconds(30).toNanos();
    private static final Duration KAFKA_CALL = Duration.ofSeconds(10);

    private final int slots;
    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> newConsumer;
    private final String topic;
    private final Map<CursorState, CatchUp> active = new LinkedHashMap<>();
    private final LinkedHashSet<CursorState> waiting = new LinkedHashSet<>();
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final LongSupplier nanoTime;

    CatchUpReaders(
            int slots,
            String topic,
            Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> newConsumer,
            LongSupplier nanoTime) {
        this.slots = slots;
        this.nanoTime = nanoTime;
        this.topic = topic;
        this.newConsumer = newConsumer;
    }

    /** A trigger that detached: it reads on its own when it can. */
    void add(CursorState state) {
        if (!active.containsKey(state)) {
            waiting.add(state);
        }
    }

    /** The trigger stops being driven here (attached, removed or re-positioned). */
    void remove(CursorState state) {
        waiting.remove(state);
        CatchUp running = active.remove(state);
        if (running != null) {
            park(running.consumer);
        }
    }

    /** Every running catch-up gives its consumer back (the shared reader's partitions are about to change). */
    void releaseAll() {
        new ArrayList<>(active.keySet()).forEach(state -> {
            remove(state);
            waiting.add(state);
        });
    }

    /**
     * Whether any catch-up can read now: the shared reader then polls briefly so that these make progress (one whose
     * trigger is full waits without polling).
     */
    boolean reading() {
        for (CursorState state : active.keySet()) {
            if (state.readable()) {
                return true;
            }
        }
        return false;
    }

    int detached() {
        return waiting.size() + active.size();
    }

    /**
     * One round: readable waiting triggers take free slots, each running catch-up polls once and feeds its
     * trigger, and the ones that reached the shared reader's position are handed to {@code reached}.
     *
     * @param owned the shared reader's partitions
     * @param shared the shared reader's next offset of an owned partition
     */
    void step(Collection<Integer> owned, IntToLongFunction shared, long nowNanos, Consumer<CursorState> reached) {
        fillSlots(owned, nowNanos);
        List<CursorState> done = new ArrayList<>();
        for (CatchUp running : List.copyOf(active.values())) {
            CursorState state = running.state;
            if (!state.readable()) {
                if (state.paused() || !waiting.isEmpty()) {
                    remove(state);
                    waiting.add(state);
                }
                continue;
            }
            if (!read(running)) {
                remove(state);
                waiting.add(state);
            } else if (caughtUp(state, owned, shared)) {
                done.add(state);
            } else if (state.full() && !waiting.isEmpty()) {
                remove(state);
                waiting.add(state);
            } else if (!waiting.isEmpty() && nowNanos - running.since > SLICE_NANOS) {
                remove(state);
                waiting.add(state);
            }
        }
        for (CursorState state : done) {
            remove(state);
            reached.accept(state);
        }
        closeIdle(nowNanos);
    }

    private void fillSlots(Collection<Integer> owned, long nowNanos) {
        Iterator<CursorState> candidates = waiting.iterator();
        while (active.size() < slots && candidates.hasNext()) {
            CursorState state = candidates.next();
            if (state.readable()) {
                candidates.remove();
                active.put(state, open(state, owned, nowNanos));
            }
        }
    }

    private CatchUp open(CursorState state, Collection<Integer> owned, long nowNanos) {
        Idle reused = idle.pollFirst();
        org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer =
                reused != null ? reused.consumer : newConsumer.get();
        List<TopicPartition> partitions = owned.stream()
                .filter(state::owns)
                .map(partition -> new TopicPartition(topic, partition))
                .toList();
        consumer.assign(partitions);
        partitions.forEach(partition -> consumer.seek(partition, state.next(partition.partition())));
        LOG.debug("trigger {} reads on its own from {}", state, state.positions());
        return new CatchUp(state, consumer, nowNanos);
    }

    /**
     * Feeds the trigger the records fetched earlier that it could not take then, or else polls once and feeds it;
     * false when it was paused within the records (or they expired).
     */
    private boolean read(CatchUp running) {
        CursorState state = running.state;
        if (running.unread.isEmpty()) {
            try {
                running.consumer.poll(Duration.ZERO).forEach(running.unread::add);
            } catch (OffsetOutOfRangeException e) {
                skipExpired(running, e.partitions());
                return true;
            } catch (KafkaException e) {
                LOG.warn("catch-up reader of {}: {}; trying again", state, e.toString());
                return true;
            }
        }
        while (!running.unread.isEmpty() && !state.full() && !state.paused()) {
            ConsumerRecord<String, byte[]> record = running.unread.poll();
            if (state.wants(record.partition(), record.offset())) {
                DecodedRecord decoded = DecodedRecord.decode(record);
                state.offer(decoded.event(), decoded);
            }
        }
        state.flush();
        if (!running.unread.isEmpty()) {
            // full: the rest waits in this catch-up (or is dropped with it if the slot goes to another trigger);
            // paused: the next turn starts from the trigger's position, on a consumer seeked there
            return !state.paused();
        }
        // past the last record returned: a gap (control records) must not keep the trigger from catching up
        for (TopicPartition partition : running.consumer.assignment()) {
            try {
                state.advanceTo(partition.partition(), running.consumer.position(partition, Duration.ZERO));
            } catch (KafkaException e) {
                // position not known yet (first fetch in flight)
            }
        }
        return true;
    }

    private void skipExpired(CatchUp running, java.util.Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> starts = running.consumer.beginningOffsets(partitions, KAFKA_CALL);
        starts.forEach((partition, start) -> {
            running.state.skipExpired(partition.partition(), start);
            running.consumer.seek(partition, running.state.next(partition.partition()));
        });
    }

    private static boolean caughtUp(CursorState state, Collection<Integer> owned, IntToLongFunction shared) {
        for (int partition : owned) {
            if (state.owns(partition) && state.next(partition) < shared.applyAsLong(partition)) {
                return false;
            }
        }
        return true;
    }

    private void park(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer) {
        consumer.unsubscribe();
        idle.addFirst(new Idle(consumer, nanoTime.getAsLong()));
        while (idle.size() > slots) {
            close(idle.pollLast().consumer);
        }
    }

    private void closeIdle(long nowNanos) {
        while (!idle.isEmpty() && nowNanos - idle.peekLast().since > IDLE_CLOSE_NANOS) {
            close(idle.pollLast().consumer);
        }
    }

    private static void close(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer) {
        try {
            consumer.close(CloseOptions.timeout(KAFKA_CALL));
        } catch (RuntimeException e) {
            LOG.debug("closing a catch-up consumer: {}", e.toString());
        }
    }

    @Override
    public void close() {
        active.values().forEach(running -> close(running.consumer));
        active.clear();
        waiting.clear();
        idle.forEach(parked -> close(parked.consumer));
        idle.clear();
    }

    /** A trigger reading on its own consumer, and the records that consumer fetched that the trigger has not taken. */
    private static final class CatchUp {
        final CursorState state;
        final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
        final long since;
        final Deque<ConsumerRecord<String, byte[]>> unread = new ArrayDeque<>();

        CatchUp(CursorState state, org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, long since) {
            this.state = state;
            this.consumer = consumer;
            this.since = since;
        }
    }

    private record Idle(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, long since) {}
}
