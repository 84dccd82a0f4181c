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
 * What the receiver saw: how many times each id arrived (answered 2xx), end-to-end latency per route
 * (request path, one per trigger) and overall, requests answered 503 on purpose, and deliveries it could
 * not read. Safe to use from any thread. A book may ignore ids by prefix (the warm-up's, whose late
 * deliveries must count neither as received, duplicate nor unexpected, nor in latency): those are only
 * counted as {@link #ignoredCount() ignored}.
 */
public final class ReceiptBook {
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

    /** A book counting every id. */
    public ReceiptBook(LongSupplier nanoTime) {
        this(nanoTime, id -> false);
    }

    /** A book ignoring ids that start with {@code ignoredIdPrefix} (e.g. the warm-up's). */
    public ReceiptBook(LongSupplier nanoTime, String ignoredIdPrefix) {
        this(nanoTime, id -> id.startsWith(ignoredIdPrefix));
        if (ignoredIdPrefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix would ignore every id");
        }
    }

    private ReceiptBook(LongSupplier nanoTime, Predicate<String> ignoredId) {
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
        counts.merge(id, 1, Integer::sum);
        deliveries.increment();
        all.recordSuccess(latencyMicros);
        routes.computeIfAbsent(route, key -> new LatencySampler(nanoTime, startNanos))
                .recordSuccess(latencyMicros);
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
        routes.computeIfAbsent(route, key -> new LatencySampler(nanoTime, startNanos))
                .recordError();
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

    /** Distinct ids accepted. */
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

    /** The ids in {@code expected} against what arrived. */
    public Reconciliation reconcile(Set<String> expected) {
        return Reconciliation.of(expected, counts);
    }
}
