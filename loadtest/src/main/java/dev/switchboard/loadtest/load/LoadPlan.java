package dev.switchboard.loadtest.load;

import java.time.Duration;

/**
 * One fixed-rate run: the offered rate, how long, events per request (1, or more in batch mode), the cap
 * on requests outstanding (past it, a due event is counted as {@code backlogged} instead of queued without
 * bound), and how long to wait for the last answers after the last send.
 */
public record LoadPlan(
        double eventsPerSecond, Duration duration, int batchSize, int maxOutstanding, Duration drainTimeout) {
    public LoadPlan {
        new ArrivalSchedule(eventsPerSecond);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        if (batchSize < 1 || maxOutstanding < 1) {
            throw new IllegalArgumentException("batch size and max outstanding must be at least 1");
        }
    }

    public static LoadPlan of(double eventsPerSecond, Duration duration) {
        return new LoadPlan(eventsPerSecond, duration, 1, 20_000, Duration.ofSeconds(30));
    }

    public LoadPlan withRate(double rate) {
        return new LoadPlan(rate, duration, batchSize, maxOutstanding, drainTimeout);
    }

    public LoadPlan withBatchSize(int size) {
        return new LoadPlan(eventsPerSecond, duration, size, maxOutstanding, drainTimeout);
    }

    /** The number of events the run offers. */
    public long events() {
        return new ArrivalSchedule(eventsPerSecond).eventsIn(duration.toNanos() / 1e9);
    }
}
