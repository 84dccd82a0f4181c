package dev.switchboard.loadtest.report;

import dev.switchboard.loadtest.measure.IntervalStats;
import dev.switchboard.loadtest.measure.LatencySampler;
import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.PercentilePoint;
import java.util.List;
import org.HdrHistogram.Histogram;

/** End-to-end latency (microseconds) of the events that arrived on one route, per second and in total. */
public record RouteReport(LatencyStats latency, List<IntervalStats> intervals, List<PercentilePoint> distribution) {
    public RouteReport {
        intervals = List.copyOf(intervals);
        distribution = List.copyOf(distribution);
    }

    public static RouteReport of(LatencySampler sampler) {
        Histogram total = sampler.total();
        return new RouteReport(LatencyStats.of(total), sampler.intervals(), PercentilePoint.distribution(total, 5));
    }
}
