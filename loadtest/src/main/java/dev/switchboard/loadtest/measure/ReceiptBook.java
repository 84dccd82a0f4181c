package dev.switchboard.loadtest.measure;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What the receiver saw: how many times each id arrived (answered 2xx) — or, {@link Counting#BY_ROUTE_AND_ID
 * by route}, each id on each route, when one event is meant to reach several triggers — end-to-end latency
 * per route (request path, one per trigger) and overall, requests answered 503 on purpose, and deliveries
 * it could not read. Safe to use from any thread. A book may ignore ids by prefix (the warm-up's, whose
 * late deliveries must count neither as received, duplicate nor unexpected, nor in latency): those are
 * only counted as {@link #ignoredCount() ignored}.
 *
 * <p>Per-route latencies are kept at 2 significant digits (1% resolution, about 110 KB a route, so a
 * receiver with 1,000 routes stays near 100 MB), the overall latency at 3 (0.1%).
 */
public final class ReceiptBook {
    /** What one arrival is counted as: the id alone, or the id on its route (one expected per trigger). */
    public enum Counting {
        /** Each event is expected once, on whichever route. */
        BY_ID,
        /** Each event is expected once on each route of a trigger it matches; keys are {@code route id}. */
        BY_ROUTE_AND_ID;

        /** The key an arrival of {@code id} on {@code route} is counted under. */
        public String key(String route, String id) {
            return this == BY_ID ? id : route + " " + id;
        }
    }

    private static final int ROUTE_DIGITS = 2;

    private final Counting counting;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, LatencySampler> routes = new ConcurrentHashMap<>();
    private final LatencySampler all;
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final Predicate<String> ignoredId;
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final LongSupplier nanoTime;
    private final long startNanos;

    /** A book counting every id {@link Counting#BY_ID by id}. */
    public ReceiptBook(LongSupplier nanoTime) {
        this(nanoTime, Counting.BY_ID);
    }

    /** A book counting every id as {@code counting} says. */
    public ReceiptBook(LongSupplier nanoTime, Counting counting) {
        this(nanoTime, counting, id -> false);
    }

    /** A book by id ignoring ids that start with {@code ignoredIdPrefix} (e.g. the warm-up's). */
    public ReceiptBook(LongSupplier nanoTime, String ignoredIdPrefix) {
        this(nanoTime, Counting.BY_ID, ignoredIdPrefix);
    }

    /** A book counting as {@code counting} says, ignoring ids that start with {@code ignoredIdPrefix}. */
    public ReceiptBook(LongSupplier nanoTime, Counting counting, String ignoredIdPrefix) {
        this(nanoTime, counting, id -> id.startsWith(ignoredIdPrefix));
        if (ignoredIdPrefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix would ignore every id");
        }
    }

    private ReceiptBook(LongSupplier nanoTime, Counting counting, Predicate<String> ignoredId) {
        this.counting = counting;
        this.ignoredId = ignoredId;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.all = new LatencySampler(nanoTime, startNanos);
        this.lastArrivalNanos.set(startNanos);
    }

    /** An event accepted on {@code route}, {@code latencyMicros} after it was meant to be sent. */
    public void received(String route, String id, long latencyMicros) {
        if (ignoredId.test(id)) {
            ignored.increment();
            return;
        }
        counts.merge(counting.key(route, id), 1, Integer::sum);
        deliveries.increment();
        all.recordSuccess(latencyMicros);
        route(route).recordSuccess(latencyMicros);
        lastArrivalNanos.set(nanoTime.getAsLong());
    }

    /** A delivery of {@code id} answered 503 on purpose. */
    public void refused(String route, String id) {
        if (ignoredId.test(id)) {
            ignored.increment();
            return;
        }
        refused.increment();
        all.recordError();
        route(route).recordError();
    }

    private LatencySampler route(String route) {
        return routes.computeIfAbsent(route, key -> new LatencySampler(nanoTime, startNanos, ROUTE_DIGITS));
    }

    /** A delivery without an id or a readable sent time (answered 400). */
    public void unreadable() {
        unreadable.increment();
    }

    /** Closes the current one-second interval of every sampler. */
    public void sample() {
        all.sample();
        routes.values().forEach(LatencySampler::sample);
    }

    /** Deliveries accepted, duplicates included. */
    public long received() {
        return deliveries.sum();
    }

    /** How arrivals are counted: what {@link #distinct()}, {@link #counts()} and {@link #reconcile} key by. */
    public Counting counting() {
        return counting;
    }

    /** Nanos (of the book's clock) when the book was opened. */
    public long startNanos() {
        return startNanos;
    }

    /** Distinct ids (or route-and-id keys) accepted. */
    public int distinct() {
        return counts.size();
    }

    public long refusedCount() {
        return refused.sum();
    }

    /** Deliveries of ignored ids (accepted or refused), left out of every other count. */
    public long ignoredCount() {
        return ignored.sum();
    }

    public long unreadableCount() {
        return unreadable.sum();
    }

    /** Nanos (of the book's clock) of the last accepted delivery, or of the book's start if none. */
    public long lastArrivalNanos() {
        return lastArrivalNanos.get();
    }

    public Map<String, Integer> counts() {
        return new HashMap<>(counts);
    }

    /** The whole-receiver sampler; its {@code total()} covers up to the last {@link #sample()}. */
    public LatencySampler all() {
        return all;
    }

    /** The sampler of each route seen. */
    public Map<String, LatencySampler> routes() {
        return Map.copyOf(routes);
    }

    /** The ids (or route-and-id keys, as the book {@link #counting() counts}) in {@code expected} against what arrived. */
    public Reconciliation reconcile(Set<String> expected) {
        return Reconciliation.of(expected, counts);
    }
}
