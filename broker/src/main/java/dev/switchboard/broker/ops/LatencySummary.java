package dev.switchboard.broker.ops;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * p50 and p99 of a set of latency histograms, merged bucket by bucket and interpolated linearly inside the
 * bucket holding the rank, as Prometheus' {@code histogram_quantile} does. Empty quantiles when nothing was
 * recorded or the timers publish no buckets.
 *
 * @param count how many recordings
 */
record LatencySummary(long count, OptionalDouble p50Seconds, OptionalDouble p99Seconds) {

    static final LatencySummary NONE = new LatencySummary(0, OptionalDouble.empty(), OptionalDouble.empty());

    static LatencySummary of(List<HistogramSnapshot> snapshots) {
        long count = 0;
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (HistogramSnapshot snapshot : snapshots) {
            count += snapshot.count();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                cumulative.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
            }
        }
        if (count == 0 || cumulative.isEmpty()) {
            return new LatencySummary(count, OptionalDouble.empty(), OptionalDouble.empty());
        }
        return new LatencySummary(count, quantile(cumulative, count, 0.5), quantile(cumulative, count, 0.99));
    }

    /**
     * @param cumulative upper bound (seconds) → recordings at or under it, ascending
     * @param count every recording, including those above the last bound
     */
    static OptionalDouble quantile(TreeMap<Double, Double> cumulative, long count, double q) {
        double rank = q * count;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upperBound = bucket.getKey();
            double atOrUnder = bucket.getValue();
            if (atOrUnder >= rank) {
                double inBucket = atOrUnder - below;
                double fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                return OptionalDouble.of(lowerBound + (upperBound - lowerBound) * fraction);
            }
            lowerBound = upperBound;
            below = atOrUnder;
        }
        return OptionalDouble.of(lowerBound);
    }
}
