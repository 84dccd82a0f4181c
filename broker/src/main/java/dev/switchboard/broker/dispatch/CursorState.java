package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.filter.EventFilter;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.ResourceId;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trigger's cursor with no Kafka in it (docs/architecture.md principle 4, "a trigger is a cursor"): where it stands in
 * each partition of its broker's log, its compiled filter, its {@link OffsetTracker} (contiguous commits), the
 * hand-off to its {@link DeliveryWindow}, the read-ahead decision and its backlog figures. Drivers feed it records
 * — the broker's shared reader while the trigger is <em>attached</em>, a catch-up reader of its own while it is
 * <em>detached</em> — and it never cares which.
 *
 * <pre>
 *   driver ─record─▶ wants? (offset ≥ next) ─no─▶ ignore (handed out before)
 *                        │ yes
 *                        ├─ filter matches ─▶ ticket + owed ──flush──▶ window ──settled──▶ ticket.settle()
 *                        └─ no match ───────▶ pass (next moves; the tracker counts it settled)
 *   full (owed ≥ read-ahead) or paused ─▶ the driver stops feeding it: detach (or the shared reader holds, when
 *                                        no attached trigger has room) / release the catch-up slot
 * </pre>
 *
 * <p>Only its broker reader's thread calls it; the window settles tickets from its own context (the tracker is
 * thread-safe), and commit callbacks arrive on the Admin client's thread ({@link #committed}).
 */
final class CursorState {
    private static final Logger LOG = LoggerFactory.getLogger(CursorState.class);
    private static final int MIN_READ_AHEAD = 256;
    /** How often a position is written even when it did not move (Kafka expires a memberless group's offsets). */
    static final long REFRESH_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(24);

    private final DeliveryWindow window;
    private final FilterCompiler compiler;
    private final TriggerBacklogs.Backlog backlog;
    private final OffsetTracker tracker = new OffsetTracker();
    private TriggerBinding binding;
    private EventFilter filter;
    private final PartitionOffsets next = new PartitionOffsets();
    private List<Pending> owed = new ArrayList<>();
    private boolean attached;
    private Unread firstUnread;
    private long settlementsCommitted;
    private long lastCommitNanos;
    private volatile long epoch;
    private volatile boolean commitInFlight;

    CursorState(
            TriggerBinding binding,
            EventFilter filter,
            FilterCompiler compiler,
            DeliveryWindow window,
            TriggerBacklogs.Backlog backlog,
            long nowNanos) {
        this.binding = binding;
        this.filter = filter;
        this.compiler = compiler;
        this.window = window;
        this.backlog = backlog;
        this.lastCommitNanos = nowNanos;
    }

    ResourceId id() {
        return binding.id();
    }

    TriggerBinding binding() {
        return binding;
    }

    EventFilter filter() {
        return filter;
    }

    String group() {
        return binding.groupId();
    }

    /**
     * Applies a changed binding of the same trigger and group to what its drivers read: filter, read-ahead, pause.
     * The window (target, limits, pause) is updated by the caller as soon as the change is known.
     */
    void update(TriggerBinding changed) {
        filter = compiler.compile(changed.filter());
        binding = changed;
    }

    // ---- positions -------------------------------------------------------------------------------------------

    /** Takes {@code partition} on at {@code position} (the trigger's stored progress there). */
    void own(int partition, long position) {
        next.put(partition, position);
        tracker.advance(topicPartition(partition), position);
    }

    /** Gives these partitions up (revoked, lost): their tickets go stale, nothing past them is committed. */
    void disown(List<TopicPartition> partitions) {
        epoch++;
        tracker.forget(partitions);
        partitions.forEach(partition -> next.remove(partition.partition()));
        if (firstUnread != null && partitions.contains(topicPartition(firstUnread.partition()))) {
            firstUnread = null;
        }
    }

    /** Re-positions every owned partition (replay): tickets handed out so far go stale. */
    void moveTo(Map<Integer, Long> positions) {
        List<TopicPartition> moved =
                positions.keySet().stream().map(this::topicPartition).toList();
        epoch++;
        tracker.forget(moved);
        firstUnread = null;
        positions.forEach(this::own);
    }

    boolean owns(int partition) {
        return next.owns(partition);
    }

    /** The next offset of {@code partition} not handed to the trigger yet. */
    long next(int partition) {
        return next.get(partition);
    }

    /** Every owned partition with its next offset. */
    Map<Integer, Long> positions() {
        return next.asMap();
    }

    /**
     * Notes that every record of {@code partition} below {@code offset} was offered: those the trigger did not
     * take count as settled. How the shared reader settles a trigger's non-matching records in bulk.
     */
    void advanceTo(int partition, long offset) {
        if (owns(partition) && offset > next.get(partition)) {
            next.put(partition, offset);
            tracker.advance(topicPartition(partition), offset);
            if (firstUnread != null && firstUnread.partition() == partition && firstUnread.offset() < offset) {
                firstUnread = null;
            }
        }
    }

    /**
     * Skips what retention deleted (docs/delivery.md "Retention"): when the trigger's position in {@code partition} is below
     * the log start, it moves there, counts the skipped records and says so at WARN.
     */
    void skipExpired(int partition, long logStart) {
        if (!owns(partition) || next.get(partition) >= logStart) {
            return;
        }
        long skipped = logStart - next.get(partition);
        LOG.atWarn()
                .addKeyValue(LogFields.TRIGGER, binding.id())
                .log(
                        "trigger {}: offsets {}..{} of {} were deleted by retention before they were delivered; {} record(s)"
                                + " skipped (switchboard_events_expired_total)",
                        binding.id(),
                        next.get(partition),
                        logStart - 1,
                        topicPartition(partition),
                        skipped);
        backlog.expired(skipped);
        advanceTo(partition, logStart);
    }

    // ---- records ---------------------------------------------------------------------------------------------

    /** Whether the record at {@code offset} of {@code partition} is still owed an offer (not handed out before). */
    boolean wants(int partition, long offset) {
        return owns(partition) && offset >= next.get(partition);
    }

    /** Takes a record the trigger's filter matched: it is owed a delivery from now on. */
    void handOut(InboundEvent event, String key) {
        int partition = event.partition();
        OffsetTracker.Ticket ticket = tracker.track(topicPartition(partition), event.offset(), event.timestampMillis());
        owed.add(new Pending(event, key, ticket));
        next.put(partition, event.offset() + 1);
    }

    /** Offers one decoded record (a catch-up reader's path: the shared reader matches through its index). */
    void offer(CloudEvent event, InboundEventSource source) {
        if (event != null && filter.matches(event)) {
            handOut(source.get(), source.key());
        } else {
            advanceTo(source.partition(), source.offset() + 1);
        }
    }

    /** Hands what was taken since the last flush to the window, in log order. */
    void flush() {
        if (!owed.isEmpty()) {
            window.offer(owed);
            owed = new ArrayList<>();
        }
    }

    /** The shared reader saw a matching record while the trigger was detached: the oldest it has not read yet. */
    void noteUnread(int partition, long offset, long timestampMillis) {
        if (firstUnread == null && wants(partition, offset)) {
            firstUnread = new Unread(partition, offset, timestampMillis);
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    boolean attached() {
        return attached;
    }

    void attach() {
        attached = true;
        firstUnread = null;
    }

    void detach() {
        attached = false;
    }

    boolean paused() {
        return binding.options().paused();
    }

    /** At the read-ahead limit: the drivers stop feeding it until the window has room again. */
    boolean full() {
        return window.buffered() + owed.size() >= readAhead(binding);
    }

    /** May read again: not paused and the window drained to half the read-ahead (hysteresis: no flapping). */
    boolean readable() {
        return !paused() && window.buffered() + owed.size() <= readAhead(binding) / 2;
    }

    /** How many owed events a trigger reads ahead of its window before its drivers stop feeding it. */
    static int readAhead(TriggerBinding binding) {
        return Math.max(MIN_READ_AHEAD, 4 * binding.options().maxInFlight());
    }

    // ---- progress --------------------------------------------------------------------------------------------

    /**
     * What to commit now, or nothing: the contiguous settled offsets that moved since the last commit, at most
     * once per {@code intervalNanos}, and only when the trigger settled deliveries since then or {@code idleNanos}
     * passed (a trigger that only passed over records it does not match loses nothing by committing rarely:
     * re-reading them delivers nothing).
     */
    Map<TopicPartition, Long> commitDue(long nowNanos, long intervalNanos, long idleNanos) {
        long since = nowNanos - lastCommitNanos;
        if (commitInFlight || since < intervalNanos) {
            return Map.of();
        }
        if (since >= REFRESH_NANOS) {
            // a group without members loses its offsets offsets.retention.minutes after its last write (7 days
            // by default): a trigger with nothing to move writes its position again now and then
            Map<TopicPartition, Long> all = new HashMap<>(tracker.committedPositions());
            all.putAll(tracker.committable());
            return all;
        }
        boolean settled = tracker.settlements() != settlementsCommitted;
        if (!settled && since < idleNanos) {
            return Map.of();
        }
        return tracker.committable();
    }

    /** Every partition's committable offset that moved (revoke, stop). */
    Map<TopicPartition, Long> committable(List<TopicPartition> partitions) {
        return tracker.committable(partitions);
    }

    Map<TopicPartition, Long> committable() {
        return tracker.committable();
    }

    /** A commit was sent; returns its epoch for {@link #committed}. */
    long committing(long nowNanos) {
        commitInFlight = true;
        lastCommitNanos = nowNanos;
        settlementsCommitted = tracker.settlements();
        return epoch;
    }

    /** A commit sent in {@code sentIn} ended; its offsets count only if no partition was re-positioned since. */
    void committed(Map<TopicPartition, Long> offsets, long sentIn, boolean succeeded) {
        if (succeeded && sentIn == epoch) {
            tracker.committed(offsets);
        }
        commitInFlight = false;
    }

    boolean commitInFlight() {
        return commitInFlight;
    }

    // ---- backlog ---------------------------------------------------------------------------------------------

    /**
     * Lag = per owned partition, the log end minus where the unsettled records begin; age = from the oldest
     * unsettled record read, or the oldest matching record the shared reader passed while the trigger was
     * detached (so it keeps growing while the trigger is paused or stuck).
     */
    void refreshBacklog(Map<Integer, Long> logEnds) {
        long lag = 0;
        for (Map.Entry<Integer, Long> end : logEnds.entrySet()) {
            int partition = end.getKey();
            if (owns(partition)) {
                OptionalLong settledUpTo = tracker.settledUpTo(topicPartition(partition));
                lag += Math.max(0, end.getValue() - settledUpTo.orElse(next.get(partition)));
            }
        }
        OptionalLong oldest = tracker.oldestUnsettledTimestamp();
        if (firstUnread != null && (oldest.isEmpty() || firstUnread.timestampMillis() < oldest.getAsLong())) {
            oldest = OptionalLong.of(firstUnread.timestampMillis());
        }
        backlog.update(lag, oldest);
    }

    /** Stops delivering: what was not started is dropped (never committed past); completes when idle. */
    Future<Void> stopWindow() {
        owed.clear();
        return window.stop();
    }

    void close() {
        try {
            window.stop();
        } catch (RuntimeException e) {
            LOG.debug("trigger {}: its window was stopped with Vert.x: {}", binding.id(), e.toString());
        }
        backlog.close();
    }

    private TopicPartition topicPartition(int partition) {
        return new TopicPartition(binding.topic(), partition);
    }

    @Override
    public String toString() {
        return binding.id().toString();
    }

    /** The oldest matching record a detached trigger has not read. */
    private record Unread(int partition, long offset, long timestampMillis) {}

    /** A record being offered, decoded once: its event built on first use and shared by every trigger. */
    interface InboundEventSource {
        int partition();

        long offset();

        String key();

        InboundEvent get();
    }
}
