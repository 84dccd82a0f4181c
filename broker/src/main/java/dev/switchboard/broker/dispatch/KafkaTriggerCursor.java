package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.log.KafkaRecordReader;
import dev.switchboard.triggers.filter.EventFilter;
import dev.switchboard.triggers.filter.FilterCompiler;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trigger's cursor as its own consumer group (ARCHITECTURE decision 4, first implementation): one
 * KafkaConsumer polled on its own thread, never on an event loop. Records are decoded and filtered here;
 * events that do not match settle at once, the others go to the {@link DeliveryWindow}. Offsets are
 * committed contiguously ({@link OffsetTracker}) every {@value #COMMIT_INTERVAL_MS} ms without blocking the
 * reads ({@link OffsetCommitter}), synchronously when partitions are revoked, on replay and on stop.
 *
 * <pre>
 *            ┌──────────── poll (100 ms) ◀──────────────┐
 *            ▼                                          │
 *   RUNNING: track → decode → filter ──no match──▶ settle │
 *            │                  └─match─▶ window ────────┤ commit contiguous offsets (async, every 500 ms)
 *            │ paused, or window at read-ahead limit     │
 *            ▼                                          │
 *   HELD:    pause partitions, keep polling (10 ms) ─────┘ (heartbeats: the member never leaves the group)
 *            │ stop(drain)
 *            ▼
 *   DRAINING: held; in-flight deliveries end or drain times out → final commit → close, leave group
 * </pre>
 *
 * <p>Only the cursor thread touches the consumer; other threads post commands to it.
 */
final class KafkaTriggerCursor implements TriggerCursor {
    static final long COMMIT_INTERVAL_MS = 500;
    static final long BACKLOG_INTERVAL_MS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTriggerCursor.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POLL_HELD = Duration.ofMillis(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REPLAY_ASSIGNMENT_WAIT = Duration.ofSeconds(30);
    private static final int MIN_READ_AHEAD = 256;

    private final Consumer<String, byte[]> consumer;
    private final DeliveryWindow window;
    private final FilterCompiler compiler;
    private final OffsetTracker tracker = new OffsetTracker();
    private final OffsetCommitter commits;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Runnable> waitingForAssignment = new ArrayList<>();
    private final Promise<Void> stopped = Promise.promise();
    private final Thread thread;
    private volatile TriggerBinding binding;
    private volatile EventFilter filter;
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private long lastBacklog = System.nanoTime();
    private final TriggerBacklogs.Backlog backlog;

    KafkaTriggerCursor(
            Consumer<String, byte[]> consumer,
            DeliveryWindow window,
            FilterCompiler compiler,
            TriggerBinding binding,
            TriggerBacklogs.Backlog backlog) {
        this.consumer = consumer;
        this.backlog = backlog;
        this.window = window;
        this.compiler = compiler;
        this.binding = binding;
        this.filter = compiler.compile(binding.filter());
        this.commits = new OffsetCommitter(
                consumer,
                tracker,
                COMMIT_INTERVAL_MS,
                System::nanoTime,
                binding.id().toString());
        this.thread = new Thread(this::run, "switchboard-cursor-" + binding.id());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void update(TriggerBinding next) {
        filter = compiler.compile(next.filter());
        binding = next;
        window.update(next);
    }

    @Override
    public Future<Integer> replay(Instant from) {
        Promise<Integer> moved = Promise.promise();
        long deadline = System.nanoTime() + REPLAY_ASSIGNMENT_WAIT.toNanos();
        commands.add(() -> replayWhenAssigned(from, moved, deadline));
        return moved.future();
    }

    @Override
    public Future<Void> stop(Duration drain) {
        drainDeadline = System.nanoTime() + drain.toNanos();
        stopping = true;
        return stopped.future();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(binding.topic()), new Rebalance());
            while (!stopping) {
                try {
                    step();
                } catch (FencedInstanceIdException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.warn("cursor of {}: {}; polling again in 1 s", binding.id(), e.toString());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
            drain();
        } catch (FencedInstanceIdException e) {
            LOG.error(
                    "cursor of {} fenced: another process uses the same process id ({}); it stops here",
                    binding.id(),
                    e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("cursor of {} failed", binding.id(), e);
        } finally {
            close();
        }
    }

    private void step() {
        runCommands();
        TriggerBinding current = binding;
        boolean held = current.options().paused() || window.buffered() >= readAhead(current);
        hold(held);
        ConsumerRecords<String, byte[]> records = consumer.poll(held ? POLL_HELD : POLL);
        if (!records.isEmpty()) {
            handOver(records);
        }
        commits.commitIfDue();
        refreshBacklogIfDue();
    }

    /**
     * Lag = per assigned partition, the log end (position + the consumer's last known lag) minus where the
     * unsettled records begin; age = from the oldest unsettled record's timestamp. Cheap: no broker calls.
     */
    private void refreshBacklogIfDue() {
        long now = System.nanoTime();
        if (now - lastBacklog < TimeUnit.MILLISECONDS.toNanos(BACKLOG_INTERVAL_MS)) {
            return;
        }
        lastBacklog = now;
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            java.util.OptionalLong behind = consumer.currentLag(partition);
            long position;
            try {
                position = consumer.position(partition, Duration.ZERO);
            } catch (KafkaException e) {
                continue;
            }
            long logEnd = position + (behind.isPresent() ? behind.getAsLong() : 0);
            lag += logEnd - tracker.settledUpTo(partition).orElse(position);
        }
        backlog.update(lag, tracker.oldestUnsettledTimestamp());
    }

    private void drain() {
        Future<Void> idle = window.stop();
        while (!idle.isComplete() && System.nanoTime() < drainDeadline) {
            hold(true);
            consumer.poll(POLL_HELD);
            commits.commitIfDue();
        }
        if (!idle.isComplete()) {
            LOG.warn(
                    "trigger {}: drain timed out with deliveries in flight; they will be delivered again",
                    binding.id());
        }
        commits.commitNow();
    }

    private void close() {
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("closing the consumer of {}: {}", binding.id(), e.toString());
        } finally {
            window.stop();
            backlog.close();
            stopped.tryComplete();
        }
    }

    private void handOver(ConsumerRecords<String, byte[]> records) {
        EventFilter matches = filter;
        List<Pending> owed = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            OffsetTracker.Ticket ticket = tracker.track(
                    new TopicPartition(record.topic(), record.partition()), record.offset(), record.timestamp());
            CloudEvent event;
            try {
                event = KafkaRecordReader.toEvent(record);
            } catch (RuntimeException e) {
                LOG.warn("trigger {}: skipping {} which is not a CloudEvent: {}", binding.id(), ticket, e.toString());
                ticket.settle();
                continue;
            }
            if (!matches.matches(event)) {
                ticket.settle();
                continue;
            }
            owed.add(new Pending(
                    new InboundEvent(
                            event,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.timestamp(),
                            transportHeaders(record)),
                    record.key(),
                    ticket));
        }
        window.offer(owed);
    }

    private void hold(boolean held) {
        if (held) {
            Set<TopicPartition> assigned = consumer.assignment();
            if (!consumer.paused().containsAll(assigned)) {
                consumer.pause(assigned);
            }
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void runCommands() {
        List<Runnable> retry = new ArrayList<>(waitingForAssignment);
        waitingForAssignment.clear();
        retry.forEach(Runnable::run);
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            command.run();
        }
    }

    private void replayWhenAssigned(Instant from, Promise<Integer> moved, long deadline) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            if (System.nanoTime() > deadline) {
                moved.fail(new IllegalStateException("trigger " + binding.id() + " has no partitions assigned"));
            } else {
                waitingForAssignment.add(() -> replayWhenAssigned(from, moved, deadline));
            }
            return;
        }
        try {
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            assigned.forEach(partition -> timestamps.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(timestamps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : assigned) {
                OffsetAndTimestamp at = found.get(partition);
                positions.put(partition, at != null ? at.offset() : ends.get(partition));
            }
            commits.forget(assigned);
            positions.forEach(consumer::seek);
            commits.commitNow(positions);
            LOG.info("trigger {} replays from {}: {}", binding.id(), from, positions);
            moved.complete(assigned.size());
        } catch (KafkaException e) {
            moved.fail(e);
        }
    }

    private static Map<String, String> transportHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>(2);
        for (String name : List.of("traceparent", "tracestate")) {
            Header header = record.headers().lastHeader(name);
            if (header != null && header.value() != null) {
                headers.put(name, new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** How many owed events the cursor reads ahead of the window before it holds its partitions. */
    static int readAhead(TriggerBinding binding) {
        return Math.max(MIN_READ_AHEAD, 4 * binding.options().maxInFlight());
    }

    /** Revoked partitions commit what settled, then their tickets go stale (cooperative rebalancing). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commits.commitNow(tracker.committable(partitions));
            commits.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debug("trigger {} assigned {}", binding.id(), partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            commits.forget(partitions);
        }
    }
}
