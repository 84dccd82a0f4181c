package dev.switchboard.loadtest.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies (microseconds) and outcomes from any thread, and cuts them into intervals when
 * {@link #sample()} is called (once a second by its owner), keeping the whole-run histogram as well.
 */
public final class LatencySampler {
    /** One hour: anything slower is recorded as one hour. */
    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder;
    private final Histogram total;
    private final LongAdder events = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<IntervalStats> intervals = new ArrayList<>();
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastSampleNanos;
    private Histogram recycled;

    public LatencySampler(LongSupplier nanoTime) {
        this(nanoTime, nanoTime.getAsLong());
    }

    /** A sampler whose intervals count from {@code startNanos}, to line up with others started earlier. */
    public LatencySampler(LongSupplier nanoTime, long startNanos) {
        this(nanoTime, startNanos, 3);
    }

    /**
     * Like {@link #LatencySampler(LongSupplier, long)}, with {@code significantDigits} of resolution (3 is
     * 0.1%, about 760 KB of histograms; 2 is 1%, about 110 KB).
     */
    public LatencySampler(LongSupplier nanoTime, long startNanos, int significantDigits) {
        this.recorder = new Recorder(HIGHEST_MICROS, significantDigits);
        this.total = new Histogram(HIGHEST_MICROS, significantDigits);
        this.nanoTime = nanoTime;
        this.startNanos = startNanos;
        this.lastSampleNanos = startNanos;
    }

    /** An event completed well after {@code latencyMicros} (clamped to [0, one hour]). */
    public void recordSuccess(long latencyMicros) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, latencyMicros)));
        events.increment();
    }

    /** An event failed. */
    public void recordError() {
        errors.increment();
    }

    /** Closes the current interval and starts the next one. */
    public synchronized IntervalStats sample() {
        long now = nanoTime.getAsLong();
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        IntervalStats interval = new IntervalStats(
                (now - startNanos) / 1e9,
                (now - lastSampleNanos) / 1e9,
                events.sumThenReset(),
                errors.sumThenReset(),
                LatencyStats.of(recycled));
        lastSampleNanos = now;
        intervals.add(interval);
        return interval;
    }

    public synchronized List<IntervalStats> intervals() {
        return List.copyOf(intervals);
    }

    /** Everything recorded up to the last {@link #sample()}. */
    public synchronized Histogram total() {
        return total.copy();
    }

    /** Seconds from creation to the last {@link #sample()}. */
    public synchronized double elapsedSeconds() {
        return (lastSampleNanos - startNanos) / 1e9;
    }
}
