package dev.switchboard.loadtest.load;

import dev.switchboard.loadtest.measure.LatencySampler;
import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.PercentilePoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadPlan} against an {@link EventSink}, open model: a 1 ms timer sends every event whose
 * intended time ({@link ArrivalSchedule}) has come, whether or not earlier ones were answered, and each
 * answer's latency is taken from the event's intended time. Accepted events go into the {@link Ledger}.
 *
 * <pre>
 *   tick ─▶ due = schedule.dueCount(now − start) ─▶ send events [next, due) in requests of batchSize
 *                                                    (outstanding ≥ cap: count them "backlogged")
 *   answer ─▶ latency = now − intended, per event ─▶ ledger if 202
 *   done when every event is answered, or drainTimeout after the last was due
 * </pre>
 */
public final class OpenLoopRun {
    private static final long TICK_MILLIS = 1;
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final EventSink sink;
    private final LoadPlan plan;
    private final EventShape shape;
    private final Ledger ledger;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public OpenLoopRun(
            Vertx vertx,
            EventSink sink,
            LoadPlan plan,
            EventShape shape,
            Ledger ledger,
            Clock clock,
            LongSupplier nanoTime) {
        this.vertx = vertx;
        this.sink = sink;
        this.plan = plan;
        this.shape = shape;
        this.ledger = ledger;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** Starts the run; the future completes with its result once it is over (it never fails). */
    public Future<LoadResult> start() {
        Promise<LoadResult> done = Promise.promise();
        new Execution(done).begin();
        return done.future();
    }

    private final class Execution {
        private final Promise<LoadResult> done;
        private final ArrivalSchedule schedule = new ArrivalSchedule(plan.eventsPerSecond());
        private final long total = plan.events();
        private final byte[] data = shape.payload();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final LongAdder accepted = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final LatencySampler sampler = new LatencySampler(nanoTime);
        private long startNanos;
        private long startEpochMicros;
        private long lastSampleNanos;
        private long next;
        private long timer;
        private volatile boolean finished;

        Execution(Promise<LoadResult> done) {
            this.done = done;
        }

        void begin() {
            startEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
            startNanos = nanoTime.getAsLong();
            lastSampleNanos = startNanos;
            timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
        }

        private void tick() {
            if (finished) {
                return;
            }
            long now = nanoTime.getAsLong();
            long due = Math.min(total, schedule.dueCount(now - startNanos));
            while (next < due) {
                long end = Math.min(next + plan.batchSize(), total);
                if (end - 1 >= due) {
                    break;
                }
                send(next, end);
                next = end;
            }
            if (now - lastSampleNanos >= SAMPLE_NANOS) {
                sampler.sample();
                lastSampleNanos = now;
            }
            boolean allAnswered = next == total && outstanding.get() == 0;
            boolean drainOver = now - startNanos
                    > plan.duration().toNanos() + plan.drainTimeout().toNanos();
            if (allAnswered || drainOver) {
                finish();
            }
        }

        private void send(long from, long to) {
            List<LoadEvent> events = new ArrayList<>((int) (to - from));
            for (long sequence = from; sequence < to; sequence++) {
                events.add(shape.event(sequence, startEpochMicros + schedule.dueAtNanos(sequence) / 1_000, data));
            }
            if (outstanding.get() >= plan.maxOutstanding()) {
                settleFailed(events, new SendOutcome(SendOutcome.BACKLOGGED, "too many requests outstanding"));
                return;
            }
            outstanding.incrementAndGet();
            sink.send(events).onComplete(answer -> {
                outstanding.decrementAndGet();
                SendOutcome outcome = answer.succeeded() ? answer.result() : SendOutcome.transportError(answer.cause());
                if (outcome.isAccepted()) {
                    settleAccepted(from, events);
                } else {
                    settleFailed(events, outcome);
                }
            });
        }

        private void settleAccepted(long from, List<LoadEvent> events) {
            if (finished) {
                return;
            }
            long now = nanoTime.getAsLong();
            for (int i = 0; i < events.size(); i++) {
                long intended = startNanos + schedule.dueAtNanos(from + i);
                sampler.recordSuccess((now - intended) / 1_000);
                ledger.record(events.get(i));
            }
            accepted.add(events.size());
        }

        private void settleFailed(List<LoadEvent> events, SendOutcome outcome) {
            if (finished) {
                return;
            }
            for (int i = 0; i < events.size(); i++) {
                sampler.recordError();
            }
            failed.add(events.size());
            errors.computeIfAbsent(outcome.errorKey(), key -> new LongAdder()).add(events.size());
        }

        private void finish() {
            vertx.cancelTimer(timer);
            sampler.sample();
            finished = true;
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((key, count) -> errorCounts.put(key, count.sum()));
            Histogram histogram = sampler.total();
            done.complete(new LoadResult(
                    plan.eventsPerSecond(),
                    sampler.elapsedSeconds(),
                    total,
                    accepted.sum(),
                    failed.sum() + (total - next),
                    outstanding.get(),
                    errorCounts,
                    LatencyStats.of(histogram),
                    sampler.intervals(),
                    PercentilePoint.distribution(histogram, 5)));
        }
    }
}
