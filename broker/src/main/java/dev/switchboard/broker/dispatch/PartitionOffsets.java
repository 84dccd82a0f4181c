package dev.switchboard.broker.dispatch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An offset per owned partition of one topic, indexed by partition number: a trigger's next offset to take, or a
 * reader's next offset to offer. Looked up for every record a trigger is offered, hence an array, not a map. Not
 * thread-safe: its reader's thread owns it.
 */
final class PartitionOffsets {
    private static final long NOT_OWNED = -1;

    private long[] offsets = new long[0];

    /** Owns {@code partition} from now on, at {@code offset}. */
    void put(int partition, long offset) {
        if (partition >= offsets.length) {
            int size = offsets.length;
            offsets = Arrays.copyOf(offsets, partition + 1);
            Arrays.fill(offsets, size, offsets.length, NOT_OWNED);
        }
        offsets[partition] = offset;
    }

    void remove(int partition) {
        if (partition < offsets.length) {
            offsets[partition] = NOT_OWNED;
        }
    }

    boolean owns(int partition) {
        return partition < offsets.length && offsets[partition] != NOT_OWNED;
    }

    /** The offset of an owned partition. */
    long get(int partition) {
        return offsets[partition];
    }

    /** Every owned partition with its offset, in partition order. */
    Map<Integer, Long> asMap() {
        Map<Integer, Long> owned = new LinkedHashMap<>();
        for (int partition = 0; partition < offsets.length; partition++) {
            if (offsets[partition] != NOT_OWNED) {
                owned.put(partition, offsets[partition]);
            }
        }
        return owned;
    }
}
