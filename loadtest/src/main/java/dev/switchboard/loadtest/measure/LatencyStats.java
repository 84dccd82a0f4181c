package dev.switchboard.loadtest.measure;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram, in microseconds; all zero when nothing was recorded. */
public record LatencyStats(long count, long p50, long p90, long p99, long p999, long max, double mean) {
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0);

    public static LatencyStats of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(
                histogram.getTotalCount(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                histogram.getMean());
    }
}
