package dev.switchboard.loadtest.report;

import dev.switchboard.loadtest.measure.ArrivalWait;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.measure.Reconciliation;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What arrived at the far end of a phase (the subscribers, or the raw consumer): the reconciliation with
 * the ledger, how the wait for arrivals ended, and end-to-end latency in all and per route.
 *
 * @param at what the far end was: {@code subscribers} or {@code raw consumer}
 * @param deliveredPerSecond deliveries (duplicates included) per second, from the start of the measured
 *     load to the last arrival: with each event matching K triggers, K times the accepted rate when delivery
 *     keeps up
 */
public record DeliveryReport(
        String at,
        Reconciliation reconciliation,
        ArrivalWait.Outcome waited,
        double deliveredPerSecond,
        long refused,
        long unreadable,
        RouteReport all,
        Map<String, RouteReport> routes) {
    public DeliveryReport {
        routes = Collections.unmodifiableMap(new TreeMap<>(routes));
    }

    public static DeliveryReport of(String at, ReceiptBook book, Set<String> expected, ArrivalWait.Outcome waited) {
        book.sample();
        Map<String, RouteReport> routes = new TreeMap<>();
        book.routes().forEach((route, sampler) -> routes.put(route, RouteReport.of(sampler)));
        double seconds = (book.lastArrivalNanos() - book.startNanos()) / 1e9;
        return new DeliveryReport(
                at,
                book.reconcile(expected),
                waited,
                seconds > 0 ? book.received() / seconds : 0,
                book.refusedCount(),
                book.unreadableCount(),
                RouteReport.of(book.all()),
                routes);
    }
}
