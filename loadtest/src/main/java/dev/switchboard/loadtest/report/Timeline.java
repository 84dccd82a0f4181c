package dev.switchboard.loadtest.report;

import java.util.List;

/**
 * A run's course second by second, for scenarios that inject faults: events accepted and delivered per second,
 * the end-to-end p99 of the deliveries of each second (ms), and the faults, each with its recovery figures.
 * Empty for the scenarios without faults.
 *
 * @param seconds seconds since the run's start, one entry per second
 */
public record Timeline(
        List<Double> seconds,
        List<Double> acceptedPerSecond,
        List<Double> deliveredPerSecond,
        List<Double> p99Millis,
        List<FaultMark> faults) {
    public static final Timeline NONE = new Timeline(List.of(), List.of(), List.of(), List.of(), List.of());

    public Timeline {
        seconds = List.copyOf(seconds);
        acceptedPerSecond = List.copyOf(acceptedPerSecond);
        deliveredPerSecond = List.copyOf(deliveredPerSecond);
        p99Millis = List.copyOf(p99Millis);
        faults = List.copyOf(faults);
    }

    /**
     * One fault on the timeline, in seconds since the start.
     *
     * @param healStart when its repair began (restart, fix, reconnect)
     * @param healed when the repair was done (serving again)
     * @param recoverySeconds from {@code healed} until deliveries were fresh again (see the scenario), -1 = not
     *     within the run
     * @param longestDeliveryGapSeconds the longest run of whole seconds without any delivery, from the fault's
     *     start to its recovery
     * @param longestIngressGapSeconds the same for events accepted by the ingress
     */
    public record FaultMark(
            String kind,
            String target,
            double start,
            double healStart,
            double healed,
            double recoverySeconds,
            long longestDeliveryGapSeconds,
            long longestIngressGapSeconds) {}

    public boolean isEmpty() {
        return seconds.isEmpty();
    }
}
