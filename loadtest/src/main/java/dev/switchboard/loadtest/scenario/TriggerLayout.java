package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.measure.ReceiptBook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which triggers a phase runs and what each event should reach: {@code count} triggers {@code t0..t(count-1)},
 * trigger {@code i} matching type {@code loadtest.t(i / matchesPerEvent)}, so the events, cycling over
 * {@code count / matchesPerEvent} types, each match exactly {@code matchesPerEvent} triggers; the triggers in
 * {@code down} deliver to a port nobody listens on. Trigger {@code i} delivers to path {@code /ti}, so every
 * accepted event is expected once on the path of each live trigger it matches. Everything here is linear in
 * the number of triggers and events.
 */
public record TriggerLayout(int count, int matchesPerEvent, Set<Integer> down) {
    public TriggerLayout {
        if (count < 1 || matchesPerEvent < 1 || count % matchesPerEvent != 0) {
            throw new IllegalArgumentException("the trigger count (" + count
                    + ") must be a positive multiple of the matches per event (" + matchesPerEvent + ")");
        }
        down = Set.copyOf(down);
        if (down.stream().anyMatch(index -> index < 0 || index >= count)) {
            throw new IllegalArgumentException("down triggers " + down + " are not all among t0..t" + (count - 1));
        }
    }

    /** {@code count} live triggers, each event matching one. */
    public static TriggerLayout oneEach(int count) {
        return new TriggerLayout(count, 1, Set.of());
    }

    /** The subscriber path of trigger {@code index}. */
    public static String route(int index) {
        return "/t" + index;
    }

    /** The event types, in the order events cycle over them. */
    public List<String> eventTypes() {
        return IntStream.range(0, count / matchesPerEvent)
                .mapToObj(TriggerFiles::type)
                .toList();
    }

    /** The triggers, live ones delivering under {@code liveBase} and down ones under {@code deadBase}. */
    public List<TriggerFiles.TriggerSpec> triggers(String liveBase, String deadBase) {
        return IntStream.range(0, count)
                .mapToObj(i -> new TriggerFiles.TriggerSpec(
                        "t" + i,
                        TriggerFiles.type(i / matchesPerEvent),
                        (down.contains(i) ? deadBase : liveBase) + route(i)))
                .toList();
    }

    /** The receipt keys ({@link ReceiptBook.Counting#BY_ROUTE_AND_ID}) the ledger's events should arrive as. */
    public Set<String> expectedDeliveries(Ledger ledger) {
        Map<String, List<String>> liveRoutesByType = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (!down.contains(i)) {
                liveRoutesByType
                        .computeIfAbsent(TriggerFiles.type(i / matchesPerEvent), type -> new ArrayList<>())
                        .add(route(i));
            }
        }
        Set<String> expected = new HashSet<>(ledger.size() * matchesPerEvent * 4 / 3 + 16);
        ledger.forEach((id, type) -> {
            for (String route : liveRoutesByType.getOrDefault(type, List.of())) {
                expected.add(ReceiptBook.Counting.BY_ROUTE_AND_ID.key(route, id));
            }
        });
        return Collections.unmodifiableSet(expected);
    }
}
