package dev.switchboard.loadtest.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger (ids the generator saw answered 202) against what arrived somewhere (a subscriber, a Kafka
 * topic), counted per id: docs/delivery.md promises every accepted event at least once, so {@code missing} must be
 * 0; {@code duplicates} (extra copies) are allowed but reported; {@code unexpected} are ids that arrived
 * without being in the ledger (an event stored though its request failed, or another run's event).
 *
 * @param missingSample up to {@value #SAMPLE} missing ids, to look them up by hand
 */
public record Reconciliation(
        long expected, long received, long missing, long duplicates, long unexpected, List<String> missingSample) {
    public static final int SAMPLE = 10;

    public Reconciliation {
        missingSample = List.copyOf(missingSample);
    }

    /** Compares {@code expected} ids with {@code counts} (id to the number of times it arrived). */
    public static Reconciliation of(Set<String> expected, Map<String, Integer> counts) {
        long missing = 0;
        long duplicates = 0;
        long unexpected = 0;
        long received = 0;
        List<String> sample = new ArrayList<>();
        for (String id : expected) {
            Integer count = counts.get(id);
            if (count == null || count == 0) {
                missing++;
                if (sample.size() < SAMPLE) {
                    sample.add(id);
                }
            }
        }
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int count = entry.getValue();
            if (count == 0) {
                continue;
            }
            if (expected.contains(entry.getKey())) {
                received++;
                duplicates += count - 1;
            } else {
                unexpected += count;
            }
        }
        return new Reconciliation(expected.size(), received, missing, duplicates, unexpected, sample);
    }

    /** Every expected id arrived (duplicates allowed, as docs/delivery.md allows them). */
    public boolean complete() {
        return missing == 0;
    }
}
