package dev.switchboard.broker.dispatch;

import java.util.Collection;
import java.util.Collections;
import java.util.TreeSet;

/**
 * Where a broker's shared reader is: the partitions it owns and, in each, the next offset it will offer. Every
 * record below that was offered to every attached trigger, which is how attached triggers settle the records
 * they do not match in bulk ({@link #offeredTo}). Only the reader's thread uses it.
 */
final class SharedPosition {
    private final TreeSet<Integer> owned = new TreeSet<>();
    private final PartitionOffsets next = new PartitionOffsets();

    /** The owned partitions, in order (a live, read-only view). */
    Collection<Integer> owned() {
        return Collections.unmodifiableSet(owned);
    }

    boolean owns(int partition) {
        return owned.contains(partition);
    }

    /** The next offset the reader will offer in an owned partition. */
    long next(int partition) {
        return next.get(partition);
    }

    /** The reader takes a partition on, reading from {@code offset}. */
    void take(int partition, long offset) {
        next.put(partition, offset);
        owned.add(partition);
    }

    void release(int partition) {
        owned.remove(partition);
        next.remove(partition);
    }

    /** The reader offered the record at {@code offset}. */
    void passed(int partition, long offset) {
        next.put(partition, offset + 1);
    }

    /** The reader moves on to {@code offset} (records below it are gone). */
    void skipTo(int partition, long offset) {
        next.put(partition, Math.max(next.get(partition), offset));
    }

    /** An attached trigger was offered everything below the reader's position in every owned partition. */
    void offeredTo(CursorState state) {
        for (int partition : owned) {
            state.advanceTo(partition, next.get(partition));
        }
    }

    /** As {@link #offeredTo(CursorState)}, in one owned partition. */
    void offeredTo(CursorState state, int partition) {
        if (owns(partition)) {
            state.advanceTo(partition, next.get(partition));
        }
    }
}
