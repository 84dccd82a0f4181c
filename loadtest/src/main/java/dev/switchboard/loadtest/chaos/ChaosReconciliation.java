package dev.switchboard.loadtest.chaos;

import dev.switchboard.loadtest.measure.ReceiptBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docs/delivery.md "Guarantee", checked per trigger: every accepted event a trigger owes was delivered to its
 * subscriber, or to its dead-letter sink, or parked in the dead-letter topic. What a trigger owes:
 *
 * <ul>
 *   <li>a base trigger (there from the start, never removed): every accepted event it matches;
 *   <li>a trigger added mid-run and still there at the end: every matching event accepted after it was Ready on
 *       every process (a new trigger starts at the end of the log);
 *   <li>a trigger removed mid-run: nothing (removing a trigger drops what it had not delivered yet); its
 *       deliveries are counted all the same.
 * </ul>
 */
final class ChaosReconciliation {
    /** A trigger and from when (ms since the start; 0 for all) it owes the events it matches. */
    record Debtor(ChaosTrigger trigger, long owesFromMillis) {}

    private final Map<String, Map<String, Integer>> subscriberArrivals;
    private final Map<String, Map<String, Integer>> sinkArrivals;

    ChaosReconciliation(List<ReceiptBook> subscriberBooks, ReceiptBook sinkBook) {
        this.subscriberArrivals = byRoute(subscriberBooks);
        this.sinkArrivals = byRoute(List.of(sinkBook));
    }

    List<TriggerAccount> accounts(List<Debtor> debtors, ChaosLedger ledger, ParkedTally parked) {
        Map<String, List<String>> owed = new HashMap<>();
        ledger.forEach((id, entry) -> {
            for (Debtor debtor : debtors) {
                if (entry.acceptedAtMillis() >= debtor.owesFromMillis()
                        && debtor.trigger().matchesType().test(entry.type())) {
                    owed.computeIfAbsent(debtor.trigger().name(), name -> new ArrayList<>())
                            .add(id);
                }
            }
        });
        List<TriggerAccount> accounts = new ArrayList<>();
        for (Debtor debtor : debtors) {
            String route = debtor.trigger().route();
            Map<String, Integer> delivered = subscriberArrivals.getOrDefault(route, Map.of());
            Map<String, Integer> toSink = sinkArrivals.getOrDefault(route, Map.of());
            Set<String> inTopic = parked.parked(debtor.trigger().name());
            long deliveredCount = 0;
            long sinkCount = 0;
            long parkedCount = 0;
            List<String> missing = new ArrayList<>();
            long missingCount = 0;
            for (String id : owed.getOrDefault(debtor.trigger().name(), List.of())) {
                if (delivered.containsKey(id)) {
                    deliveredCount++;
                } else if (toSink.containsKey(id)) {
                    sinkCount++;
                } else if (inTopic.contains(id)) {
                    parkedCount++;
                } else {
                    missingCount++;
                    if (missing.size() < 5) {
                        missing.add(id);
                    }
                }
            }
            long duplicates = delivered.values().stream().mapToLong(n -> n - 1).sum();
            accounts.add(new TriggerAccount(
                    debtor.trigger().name(),
                    owed.getOrDefault(debtor.trigger().name(), List.of()).size(),
                    deliveredCount,
                    sinkCount,
                    parkedCount,
                    missingCount,
                    duplicates,
                    missing));
        }
        return accounts;
    }

    /** Deliveries on {@code route} of a trigger not among the debtors (a removed one), all ids counted once. */
    long deliveredOn(String route) {
        return subscriberArrivals.getOrDefault(route, Map.of()).size();
    }

    private static Map<String, Map<String, Integer>> byRoute(List<ReceiptBook> books) {
        Map<String, Map<String, Integer>> byRoute = new HashMap<>();
        for (ReceiptBook book : books) {
            book.counts().forEach((key, count) -> {
                int space = key.indexOf(' ');
                byRoute.computeIfAbsent(key.substring(0, space), route -> new HashMap<>())
                        .merge(key.substring(space + 1), count, Integer::sum);
            });
        }
        return byRoute;
    }
}
