package dev.switchboard.loadtest.measure;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** One point of a latency distribution: the share of events (percentile) at or under a latency. */
public record PercentilePoint(double percentile, long micros) {
    /** The percentile distribution of {@code histogram}, {@code ticksPerHalfDistance} points per halving. */
    public static List<PercentilePoint> distribution(Histogram histogram, int ticksPerHalfDistance) {
        List<PercentilePoint> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : histogram.percentiles(ticksPerHalfDistance)) {
            points.add(new PercentilePoint(value.getPercentileLevelIteratedTo(), value.getValueIteratedTo()));
        }
        return points;
    }
}
