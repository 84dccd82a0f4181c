package dev.switchboard.loadtest.load;

/**
 * When each event of a fixed-rate open-model run is due: event {@code n} (from 0) is due at
 * {@code n / rate} seconds after the start, independent of when earlier events were answered. Measuring
 * latency from these instants rather than from the actual send avoids coordinated omission (Gil Tene,
 * "How NOT to measure latency"): a stall delays the sends, and the delay shows up in every latency.
 *
 * @param eventsPerSecond the offered rate, above 0
 */
public record ArrivalSchedule(double eventsPerSecond) {
    public ArrivalSchedule {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a positive number of events per second: " + eventsPerSecond);
        }
    }

    /** Nanoseconds after the start at which event {@code sequence} is due. */
    public long dueAtNanos(long sequence) {
        return (long) Math.ceil(sequence * 1e9 / eventsPerSecond);
    }

    /** How many events are due (their intended time has come) {@code elapsedNanos} after the start. */
    public long dueCount(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        long count = (long) Math.floor(elapsedNanos * eventsPerSecond / 1e9) + 1;
        // guard against floating-point rounding at exact boundaries: trust dueAtNanos
        while (count > 0 && dueAtNanos(count - 1) > elapsedNanos) {
            count--;
        }
        while (dueAtNanos(count) <= elapsedNanos) {
            count++;
        }
        return count;
    }

    /** The number of events in a run of {@code seconds} at this rate (at least one). */
    public long eventsIn(double seconds) {
        return Math.max(1, Math.round(eventsPerSecond * seconds));
    }
}
