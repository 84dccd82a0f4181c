package dev.switchboard.broker.dispatch;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of a cursor may be committed (docs/architecture.md principle 4, docs/delivery.md "Ordering": "offsets
 * committed contiguously"): per partition, only up to the lowest record handed out and not yet settled, so a
 * restart re-reads every record whose delivery did not end, however out of order deliveries settle.
 *
 * <p>Every record read gets a {@link Ticket}; settling it may move the partition's committable offset. When
 * a partition is revoked, lost or re-positioned (replay) its ledger is retired: tickets issued before that are
 * stale, settling them changes nothing and {@link Ticket#isLive()} turns false. Thread-safe: tickets are
 * settled from delivery threads while the cursor's thread tracks and commits.
 */
final class OffsetTracker {
    private final Map<TopicPartition, Ledger> ledgers = new HashMap<>();
    private long settlements;

    /**
     * Records that {@code offset} of {@code partition} was read and handed out. Offsets increase within a
     * ledger; an offset below the highest seen means the consumer's position moved back (an offset reset):
     * the partition then starts a fresh ledger and the earlier tickets go stale.
     */
    synchronized Ticket track(TopicPartition partition, long offset) {
        return track(partition, offset, -1);
    }

    /** As {@link #track(TopicPartition, long)}, remembering the record's timestamp for the age gauge. */
    synchronized Ticket track(TopicPartition partition, long offset, long timestampMillis) {
        Ledger ledger = ledgers.computeIfAbsent(partition, p -> new Ledger(offset));
        if (offset < ledger.highest) {
            ledger.retired = true;
            ledger = new Ledger(offset);
            ledgers.put(partition, ledger);
        }
        ledger.highest = offset + 1;
        Ticket ticket = new Ticket(this, ledger, partition, offset, timestampMillis);
        ledger.open.addLast(ticket);
        return ticket;
    }

    /**
     * Notes that every record of {@code partition} below {@code offset} was read and handed out: those not
     * tracked (records the trigger does not match) count as settled. Cheaper than a ticket per record, which is
     * how a shared reader settles a trigger's non-matching records in bulk. A partition not seen yet starts at
     * {@code offset}, already committed there (the trigger's stored position).
     */
    synchronized void advance(TopicPartition partition, long offset) {
        Ledger ledger = ledgers.computeIfAbsent(partition, p -> new Ledger(offset));
        if (offset > ledger.highest) {
            ledger.highest = offset;
            if (ledger.open.isEmpty()) {
                ledger.next = offset;
            }
        }
    }

    /** How many tickets were settled so far: a cursor commits only when it moved (or now and then). */
    synchronized long settlements() {
        return settlements;
    }

    /**
     * The offset to commit for each partition whose committable offset moved since {@link #committed}: the
     * offset of its lowest unsettled record, or one past its highest record when all are settled.
     */
    synchronized Map<TopicPartition, Long> committable() {
        return committable(ledgers.keySet());
    }

    /** As {@link #committable()}, restricted to {@code partitions}. */
    synchronized Map<TopicPartition, Long> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Ledger ledger = ledgers.get(partition);
            if (ledger != null && ledger.next > ledger.committed) {
                offsets.put(partition, ledger.next);
            }
        }
        return offsets;
    }

    /** Every partition's position as last committed (or as started), whether or not it moved since. */
    synchronized Map<TopicPartition, Long> committedPositions() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ledgers.forEach((partition, ledger) -> offsets.put(partition, ledger.committed));
        return offsets;
    }

    /** Notes that these offsets were committed, so {@link #committable()} no longer returns them. */
    synchronized void committed(Map<TopicPartition, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            Ledger ledger = ledgers.get(partition);
            if (ledger != null) {
                ledger.committed = Math.max(ledger.committed, offset);
            }
        });
    }

    /** Retires the ledgers of these partitions: their outstanding tickets become stale. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Ledger ledger = ledgers.remove(partition);
            if (ledger != null) {
                ledger.retired = true;
            }
        }
    }

    /**
     * Where the partition's unsettled records begin: the offset of its lowest unsettled record, or one past
     * its highest record when all are settled; empty when nothing was read from it.
     */
    synchronized OptionalLong settledUpTo(TopicPartition partition) {
        Ledger ledger = ledgers.get(partition);
        return ledger == null ? OptionalLong.empty() : OptionalLong.of(ledger.next);
    }

    /** The timestamp of the oldest record read and not yet settled, across partitions. */
    synchronized OptionalLong oldestUnsettledTimestamp() {
        long oldest = Long.MAX_VALUE;
        for (Ledger ledger : ledgers.values()) {
            Ticket first = ledger.open.peekFirst();
            if (first != null && !first.settled && first.timestampMillis >= 0) {
                oldest = Math.min(oldest, first.timestampMillis);
            }
        }
        return oldest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    /** How many records were handed out and are neither settled nor stale. */
    synchronized int unsettled() {
        int count = 0;
        for (Ledger ledger : ledgers.values()) {
            for (Ticket ticket : ledger.open) {
                if (!ticket.settled) {
                    count++;
                }
            }
        }
        return count;
    }

    private synchronized void settle(Ticket ticket) {
        Ledger ledger = ticket.ledger;
        if (ledger.retired || ticket.settled) {
            return;
        }
        ticket.settled = true;
        settlements++;
        while (!ledger.open.isEmpty() && ledger.open.peekFirst().settled) {
            ledger.next = ledger.open.pollFirst().offset + 1;
        }
        if (ledger.open.isEmpty()) {
            ledger.next = ledger.highest;
        }
    }

    private synchronized boolean isLive(Ticket ticket) {
        return !ticket.ledger.retired;
    }

    /** One partition's outstanding records, in offset order. */
    private static final class Ledger {
        private final ArrayDeque<Ticket> open = new ArrayDeque<>();
        private long next;
        private long highest;
        private long committed;

        private boolean retired;

        private Ledger(long first) {
            this.next = first;
            this.highest = first;
            this.committed = first;
        }
    }

    /** One record handed out: settle it once its delivery ended (delivered, dead-lettered or parked). */
    static final class Ticket {
        private final OffsetTracker tracker;
        private final Ledger ledger;
        private final TopicPartition partition;
        private final long offset;
        private final long timestampMillis;
        private boolean settled;

        private Ticket(
                OffsetTracker tracker, Ledger ledger, TopicPartition partition, long offset, long timestampMillis) {
            this.tracker = tracker;
            this.ledger = ledger;
            this.partition = partition;
            this.offset = offset;
            this.timestampMillis = timestampMillis;
        }

        /** Marks the record settled; the partition's committable offset may move past it. Idempotent. */
        void settle() {
            tracker.settle(this);
        }

        /** False once the partition was revoked, lost or re-positioned: delivering it is no longer owed. */
        boolean isLive() {
            return tracker.isLive(this);
        }

        TopicPartition partition() {
            return partition;
        }

        long offset() {
            return offset;
        }

        @Override
        public String toString() {
            return partition + "@" + offset;
        }
    }
}
