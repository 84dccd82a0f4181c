package dev.switchboard.loadtest.measure;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits for arrivals to reach an expected count, giving up when nothing new arrived for {@code idle} or
 * after {@code max} in all, so that a run whose events never arrive ends with a clear "missing = N"
 * instead of hanging. Blocks the calling thread (never call it on an event loop).
 */
public record ArrivalWait(Duration idle, Duration max, LongSupplier nanoTime) {
    private static final long CHECK_MILLIS = 50;

    /** How the wait ended. */
    public record Outcome(boolean reached, long arrived, long expected, double waitedSeconds, String reason) {}

    public Outcome await(LongSupplier arrived, long expected) throws InterruptedException {
        return await(arrived, arrived, expected);
    }

    /**
     * Like {@link #await(LongSupplier, long)}, with "nothing arrived for {@code idle}" judged on {@code progress}
     * instead: a topic read back through many records none of which is awaited is still progressing.
     */
    public Outcome await(LongSupplier arrived, LongSupplier progress, long expected) throws InterruptedException {
        long start = nanoTime.getAsLong();
        long lastCount = progress.getAsLong();
        long lastProgress = start;
        while (true) {
            long now = nanoTime.getAsLong();
            long count = arrived.getAsLong();
            double waited = (now - start) / 1e9;
            if (count >= expected) {
                return new Outcome(true, count, expected, waited, "all arrived");
            }
            long progressed = progress.getAsLong();
            if (progressed != lastCount) {
                lastCount = progressed;
                lastProgress = now;
            }
            if (now - lastProgress > idle.toNanos()) {
                return new Outcome(
                        false,
                        count,
                        expected,
                        waited,
                        "nothing arrived for " + idle.toSeconds() + " s (" + (expected - count) + " missing)");
            }
            if (now - start > max.toNanos()) {
                return new Outcome(
                        false,
                        count,
                        expected,
                        waited,
                        "gave up after " + max.toSeconds() + " s (" + (expected - count) + " missing)");
            }
            Thread.sleep(CHECK_MILLIS);
        }
    }
}
