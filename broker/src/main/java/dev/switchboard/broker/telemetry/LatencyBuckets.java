package dev.switchboard.broker.telemetry;

import java.time.Duration;
import java.util.Arrays;

/**
 * The bucket bounds of every latency histogram Switchboard exports (docs/operations.md: "explicit bucket bounds, a few per
 * decade, as Knative does"): 5 ms to 10 s in 1-2.5-5 steps, eleven bounds, so one histogram series costs 12
 * {@code _bucket} series (with {@code +Inf}) plus {@code _count}, {@code _sum} and {@code _max}. Micrometer's
 * percentile histogram publishes about 70 buckets per series instead, which 1,000 triggers times their status
 * codes cannot afford. Timers take them with {@code .serviceLevelObjectives(LatencyBuckets.bounds())}.
 */
public final class LatencyBuckets {
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private LatencyBuckets() {}

    /** The upper bounds in seconds, ascending. */
    public static double[] seconds() {
        return SECONDS.clone();
    }

    /** The upper bounds as durations, ascending. */
    public static Duration[] bounds() {
        return Arrays.stream(SECONDS)
                .mapToObj(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
                .toArray(Duration[]::new);
    }
}
