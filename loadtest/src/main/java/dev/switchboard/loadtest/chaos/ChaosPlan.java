package dev.switchboard.loadtest.chaos;

import java.time.Duration;

/**
 * How big and how rough a chaos soak is.
 *
 * @param triggers base triggers (churn ones come on top)
 * @param types event types the load cycles over
 * @param rate events per second offered (open model)
 * @param minEvents the load goes on after the last fault until this many were sent
 * @param rounds how many times each fault is injected
 * @param hold how long a fault lasts before its repair (a killed process stays down, the YAML stays broken…)
 * @param pause quiet time between two faults
 * @param subscriberOutage how long the outage subscriber is away, once per round, beside the other faults
 * @param settleMax how long to wait after the load for the last deliveries and dead letters
 */
public record ChaosPlan(
        int triggers,
        int types,
        double rate,
        long minEvents,
        int rounds,
        Duration hold,
        Duration pause,
        Duration subscriberOutage,
        Duration settleMax) {
    /** The soak of the issue: 200 triggers, ~300 ev/s, at least 100,000 events, every fault three times. */
    public static ChaosPlan full() {
        return new ChaosPlan(
                200,
                100,
                300,
                100_000,
                3,
                Duration.ofSeconds(10),
                Duration.ofSeconds(8),
                Duration.ofSeconds(60),
                Duration.ofMinutes(5));
    }

    /** The build's version: every fault once, 40 triggers, 40 ev/s, a few minutes of wall time. */
    public static ChaosPlan smoke() {
        return new ChaosPlan(
                40,
                20,
                40,
                0,
                1,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2),
                Duration.ofSeconds(15),
                Duration.ofMinutes(2));
    }
}
