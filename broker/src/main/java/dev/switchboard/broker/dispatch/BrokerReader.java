package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.filter.TriggerIndex;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared reader of one broker in this process (docs/architecture.md principle 4, docs/delivery.md "Scale"): one consumer in the
 * broker's group {@code switchboard.{ns}.{broker}} — so processes divide the partitions and a restart is one
 * rebalance per broker — reads each record once, decodes it once, asks the {@link TriggerIndex} which triggers
 * match, and hands it to each attached {@link CursorState}. A trigger that cannot keep up or must read elsewhere
 * is detached to the {@link CatchUpReaders} and re-attaches when it has caught up; the shared reader never waits
 * for one trigger while another could take records, and never re-reads.
 *
 * <pre>
 *   poll ─▶ decode once ─▶ index.match ─▶ per matched trigger:
 *                                          wants? (offset ≥ its next) ─no─▶ skip
 *                                          attached? ─no─▶ note the oldest unread (age gauge)
 *                                          paused? ─yes─▶ DETACH at the reader's position ─▶ catch-up
 *                                          └─▶ hand out (ticket, window)
 *   after the batch: full triggers detach while another attached one has room; when none has, the reader
 *                    HOLDS (stops fetching) until one drained ({@link ReaderHold})
 *   catch-up reached the reader's position on every partition ─▶ ATTACH (records below its next are skipped)
 *   every 500 ms: each trigger's contiguous settled offsets ─▶ its own group ({@link TriggerProgress})
 * </pre>
 *
 * <p>Everything runs on the reader's own thread; other threads post commands. Threads and Kafka connections
 * do not grow with the number of triggers: this thread, its consumer, and at most {@code catch-up slots} consumers.
 */
final class BrokerReader {
    static final long COMMIT_INTERVAL_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerReader.class);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration POLL_WHILE_CATCHING_UP = Duration.ofMillis(2);
    private static final Duration KAFKA_CALL = Duration.ofSeconds(30);
    private static final Duration LOG_END_CALL = Duration.ofSeconds(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long IDLE_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * Position writes per second a broker reader spends at most: with many triggers each writes less often (a
     * thousand triggers: every 5 s), so a kill -9 re-delivers a little more instead of Kafka's group coordinator
     * taking thousands of writes a second.
     */
    static final int POSITION_WRITES_PER_SECOND = 200;

    private static final long BACKLOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REPLAY_ASSIGNMENT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final CatchUpReaders catchUps;
    private final TriggerProgress progress;
    private final FilterCompiler compiler;
    private final SkippedRecords skipped;
    private final LongSupplier nanoTime;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Runnable> waitingForAssignment = new ArrayList<>();
    private final Map<ResourceId, CursorState> states = new LinkedHashMap<>();
    private final List<Stopping> stopping = new ArrayList<>();
    private final SharedPosition position = new SharedPosition();
    private final ReaderHold hold = new ReaderHold();
    /** Partitions the reader moved to a trigger since its last poll: what that poll returned there is dropped. */
    private final Set<Integer> movedSincePoll = new HashSet<>();

    private final PartitionHandover handover;
    private final Thread thread;
    private final Promise<Void> closed = Promise.promise();
    private TriggerIndex<CursorState> index;
    private boolean indexStale = true;
    private long lastCommit;
    private long lastBacklog;
    private volatile boolean closing;

    BrokerReader(
            String topic,
            Consumer<String, byte[]> consumer,
            CatchUpReaders catchUps,
            TriggerProgress progress,
            FilterCompiler compiler,
            SkippedRecords skipped,
            LongSupplier nanoTime) {
        this.topic = topic;
        this.consumer = consumer;
        this.catchUps = catchUps;
        this.progress = progress;
        this.compiler = compiler;
        this.skipped = skipped;
        this.nanoTime = nanoTime;
        this.lastCommit = nanoTime.getAsLong();
        this.lastBacklog = lastCommit;
        this.handover = new PartitionHandover(topic, consumer, position, progress, catchUps, new Triggers(), nanoTime);
        this.thread = new Thread(this::run, "switchboard-reader-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts the reader's thread; later calls do nothing. */
    void start() {
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    // ---- commands (any thread) -------------------------------------------------------------------------------

    /** Starts feeding {@code state}, whose group holds {@code stored} (its position in every partition). */
    void add(CursorState state, Map<TopicPartition, Long> stored) {
        commands.add(() -> added(state, stored));
    }

    void update(ResourceId trigger, TriggerBinding binding) {
        commands.add(() -> {
            CursorState state = states.get(trigger);
            if (state != null) {
                state.update(binding);
                indexStale = true;
                if (state.attached() && state.paused()) {
                    detach(state);
                }
            }
        });
    }

    Future<Integer> replay(ResourceId trigger, Instant from) {
        Promise<Integer> moved = Promise.promise();
        long deadline = nanoTime.getAsLong() + REPLAY_ASSIGNMENT_WAIT_NANOS;
        commands.add(() -> replayWhenAssigned(trigger, from, moved, deadline));
        return moved.future();
    }

    /** Stops feeding the trigger; its deliveries get {@code drain} to end, then its settled offsets are written. */
    Future<Void> stop(ResourceId trigger, Duration drain) {
        Promise<Void> stopped = Promise.promise();
        long deadline = nanoTime.getAsLong() + drain.toNanos();
        commands.add(() -> stopping(trigger, deadline, stopped));
        return stopped.future();
    }

    /** Leaves the broker's group and stops the thread (every trigger was stopped before). */
    Future<Void> close() {
        closing = true;
        return closed.future();
    }

    // ---- the loop --------------------------------------------------------------------------------------------

    private void run() {
        try {
            consumer.subscribe(List.of(topic), handover);
            while (!closing || !stopping.isEmpty()) {
                try {
                    step();
                } catch (FencedInstanceIdException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.warn("shared reader of {}: {}; polling again in 1 s", topic, e.toString());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        } catch (FencedInstanceIdException e) {
            LOG.error(
                    "shared reader of {} fenced: another process uses the same process id ({})", topic, e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("shared reader of {} failed", topic, e);
        } finally {
            shutDown();
        }
    }

    private void step() {
        runCommands();
        if (indexStale) {
            rebuildIndex();
        }
        boolean holding = holdOrReadOn();
        ConsumerRecords<String, byte[]> records;
        movedSincePoll.clear();
        try {
            records = consumer.poll(holding || catchUps.reading() ? POLL_WHILE_CATCHING_UP : POLL);
        } catch (OffsetOutOfRangeException e) {
            handover.skipExpired(e.partitions());
            return;
        }
        if (!records.isEmpty()) {
            // a command posted while the poll waited (a pause, a stop) is applied before these records are handed
            // out: a record produced after a pause was applied never reaches the trigger as if it were running
            runCommands();
            if (indexStale) {
                rebuildIndex();
            }
            handOut(records);
        }
        long now = nanoTime.getAsLong();
        catchUps.step(position.owned(), position::next, now, this::attach);
        if (now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MS)) {
            lastCommit = now;
            commitDue(now);
        }
        if (now - lastBacklog >= BACKLOG_INTERVAL_NANOS) {
            lastBacklog = now;
            refreshBacklogs();
        }
        finishStopping(now);
    }

    private void handOut(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            int p = partition.partition();
            if (movedSincePoll.contains(p)) {
                continue; // fetched from where the reader was: it reads them again from where it is now
            }
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                DecodedRecord decoded = DecodedRecord.decode(record);
                if (decoded.event() != null) {
                    for (CursorState state : index.match(decoded.event())) {
                        offer(state, decoded);
                    }
                }
                // not a CloudEvent: counted, and settled for every trigger like a record none matches
                decoded.unreadable().ifPresent(skipped::count);
                position.passed(p, record.offset());
            }
        }
        states.values().forEach(CursorState::flush);
        hold.afterBatch(states.values()).forEach(this::detach);
    }

    /**
     * Pauses every assigned partition while the reader holds (partitions assigned meanwhile too) and resumes them
     * when it reads on; the consumer keeps polling either way, so the group keeps it as a member.
     */
    private boolean holdOrReadOn() {
        boolean holding = hold.holds(states.values());
        Set<TopicPartition> paused = consumer.paused();
        if (holding) {
            Set<TopicPartition> assigned = consumer.assignment();
            if (!paused.containsAll(assigned)) {
                if (paused.isEmpty()) {
                    LOG.debug("shared reader of {} holds: every attached trigger is full", topic);
                }
                consumer.pause(assigned);
            }
        } else if (!paused.isEmpty()) {
            consumer.resume(paused);
            LOG.debug("shared reader of {} reads on", topic);
        }
        return holding;
    }

    private void offer(CursorState state, DecodedRecord record) {
        int partition = record.partition();
        if (!state.wants(partition, record.offset())) {
            return;
        }
        if (state.attached() && state.paused()) {
            detach(state);
        }
        if (state.attached()) {
            state.handOut(record.get(), record.key());
        } else {
            state.noteUnread(partition, record.offset(), record.timestamp());
        }
    }

    /** The trigger leaves the shared reader where it is now; records from here on it reads on its own. */
    private void detach(CursorState state) {
        position.offeredTo(state);
        state.flush();
        state.detach();
        catchUps.add(state);
        LOG.debug("trigger {} detached from the shared reader of {}", state, topic);
    }

    /** A catch-up reached the shared reader's position: the shared reader feeds it again. */
    private void attach(CursorState state) {
        state.attach();
        LOG.debug("trigger {} attached to the shared reader of {}", state, topic);
    }

    // ---- triggers coming and going ---------------------------------------------------------------------------

    private void added(CursorState state, Map<TopicPartition, Long> stored) {
        states.put(state.id(), state);
        indexStale = true;
        boolean behind = false;
        for (int partition : position.owned()) {
            long at = stored.getOrDefault(new TopicPartition(topic, partition), 0L);
            state.own(partition, at);
            behind |= at < position.next(partition);
        }
        feed(state, behind);
    }

    /**
     * The shared reader feeds {@code state} from here on, unless it is paused, or {@code behind} the reader while
     * another trigger is attached: then it reads on its own, on a catch-up reader.
     */
    private void feed(CursorState state, boolean behind) {
        if (state.paused() || behind && !moveTo(state)) {
            catchUps.add(state);
        } else {
            state.attach();
        }
    }

    /**
     * With no other trigger attached, the reader serves nobody where it is: it moves to where {@code state} is, in
     * every owned partition, so that the trigger is fed here rather than by a catch-up reader of its own (a
     * broker's first trigger added after the reader took its partitions, a lone trigger that replays).
     */
    private boolean moveTo(CursorState state) {
        for (CursorState other : states.values()) {
            if (other != state && other.attached()) {
                return false;
            }
        }
        for (int partition : position.owned()) {
            long at = state.next(partition);
            position.take(partition, at);
            consumer.seek(new TopicPartition(topic, partition), at);
            movedSincePoll.add(partition);
        }
        LOG.debug("shared reader of {} moves to trigger {} at {}", topic, state, state.positions());
        return true;
    }

    private void stopping(ResourceId trigger, long deadline, Promise<Void> stopped) {
        CursorState state = states.remove(trigger);
        if (state == null) {
            stopped.complete();
            return;
        }
        indexStale = true;
        catchUps.remove(state);
        if (state.attached()) {
            position.offeredTo(state);
            state.detach();
        }
        stopping.add(new Stopping(state, state.stopWindow(), deadline, stopped));
    }

    /** Stopped triggers whose deliveries ended (or ran out of drain time) write their final position. */
    private void finishStopping(long now) {
        if (stopping.isEmpty()) {
            return;
        }
        List<Stopping> done = new ArrayList<>();
        for (Stopping entry : stopping) {
            if (entry.idle().isComplete() || now >= entry.deadline()) {
                done.add(entry);
            }
        }
        stopping.removeAll(done);
        // the final positions are written together: a thousand triggers stopping at shutdown wait for one
        // round of writes, not for a thousand in a row
        Map<CursorState, Map<TopicPartition, Long>> finalPositions = new HashMap<>();
        for (Stopping entry : done) {
            if (!entry.idle().isComplete()) {
                LOG.atWarn()
                        .addKeyValue(LogFields.TRIGGER, entry.state().id())
                        .log(
                                "trigger {}: drain timed out with deliveries in flight; they will be delivered again",
                                entry.state());
            }
            finalPositions.put(entry.state(), entry.state().committable());
        }
        progress.commitNow(finalPositions, now);
        for (Stopping entry : done) {
            entry.state().close();
            entry.stopped().tryComplete();
        }
    }

    private void replayWhenAssigned(ResourceId trigger, Instant from, Promise<Integer> moved, long deadline) {
        CursorState state = states.get(trigger);
        if (state == null) {
            moved.fail(new UnknownTriggerException(trigger));
            return;
        }
        if (position.owned().isEmpty()) {
            if (nanoTime.getAsLong() > deadline) {
                moved.fail(new IllegalStateException("trigger " + trigger + " has no partitions assigned"));
            } else {
                waitingForAssignment.add(() -> replayWhenAssigned(trigger, from, moved, deadline));
            }
            return;
        }
        try {
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            position.owned()
                    .forEach(partition -> timestamps.put(new TopicPartition(topic, partition), from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(timestamps, KAFKA_CALL);
            Map<TopicPartition, Long> ends = consumer.endOffsets(timestamps.keySet(), KAFKA_CALL);
            Map<Integer, Long> positions = new HashMap<>();
            Map<TopicPartition, Long> commit = new HashMap<>();
            for (TopicPartition partition : timestamps.keySet()) {
                OffsetAndTimestamp at = found.get(partition);
                long offset = at != null ? at.offset() : ends.get(partition);
                positions.put(partition.partition(), offset);
                commit.put(partition, offset);
            }
            catchUps.remove(state);
            state.detach();
            state.moveTo(positions);
            progress.commitNow(Map.of(state, commit), nanoTime.getAsLong());
            feed(state, true);
            LOG.atInfo()
                    .addKeyValue(LogFields.TRIGGER, trigger)
                    .log("trigger {} replays from {}: {}", trigger, from, commit);
            moved.complete(positions.size());
        } catch (KafkaException e) {
            moved.fail(e);
        }
    }

    // ---- progress --------------------------------------------------------------------------------------------

    private void commitDue(long now) {
        long interval = Math.max(
                TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MS),
                TimeUnit.SECONDS.toNanos(1) * states.size() / POSITION_WRITES_PER_SECOND);
        long idle = Math.max(IDLE_COMMIT_NANOS, interval);
        for (CursorState state : states.values()) {
            if (state.attached()) {
                position.offeredTo(state);
            }
            progress.commit(state, state.commitDue(now, interval, idle), now);
        }
    }

    private void refreshBacklogs() {
        Map<Integer, Long> logEnds = new HashMap<>();
        Map<TopicPartition, Long> pausedEnds = pausedLogEnds();
        for (int partition : position.owned()) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            Long end = pausedEnds.get(topicPartition);
            logEnds.put(
                    partition,
                    end != null
                            ? end
                            : position.next(partition)
                                    + consumer.currentLag(topicPartition).orElse(0));
        }
        states.values().forEach(state -> state.refreshBacklog(logEnds));
    }

    /**
     * The log ends of the partitions the reader holds: a paused partition is not fetched, so the consumer's own
     * figure would stop moving, and lag must keep growing while a trigger is stuck (docs/delivery.md "Scale").
     */
    private Map<TopicPartition, Long> pausedLogEnds() {
        Set<TopicPartition> paused = consumer.paused();
        if (paused.isEmpty()) {
            return Map.of();
        }
        try {
            return consumer.endOffsets(paused, LOG_END_CALL);
        } catch (KafkaException e) {
            LOG.debug("shared reader of {}: log ends not known now: {}", topic, e.toString());
            return Map.of();
        }
    }

    // ---- housekeeping ----------------------------------------------------------------------------------------

    private void runCommands() {
        List<Runnable> retry = new ArrayList<>(waitingForAssignment);
        waitingForAssignment.clear();
        retry.forEach(Runnable::run);
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            command.run();
        }
    }

    private void rebuildIndex() {
        TriggerIndex.Builder<CursorState> builder = TriggerIndex.builder(compiler);
        states.values().forEach(state -> builder.add(state, state.binding().filter(), state.filter()));
        index = builder.build();
        indexStale = false;
    }

    private void shutDown() {
        runCommands();
        catchUps.close();
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("closing the shared reader of {}: {}", topic, e.toString());
        }
        states.values().forEach(CursorState::close);
        closed.tryComplete();
    }

    /** The reader's triggers as the partition handover sees them. */
    private final class Triggers implements PartitionHandover.Triggers {
        @Override
        public Collection<CursorState> running() {
            return states.values();
        }

        @Override
        public Collection<CursorState> stopping() {
            return stopping.stream().map(Stopping::state).toList();
        }

        @Override
        public void detach(CursorState state) {
            BrokerReader.this.detach(state);
        }
    }

    private record Stopping(CursorState state, Future<Void> idle, long deadline, Promise<Void> stopped) {}
}
