package dev.switchboard.loadtest.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.loadtest.measure.IntervalStats;
import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.PercentilePoint;
import java.util.List;
import java.util.Map;

/**
 * What one fixed-rate run measured: offered and achieved rates, events sent, accepted and failed (by
 * status), answer latency from each event's intended send time (microseconds), per second and in total.
 *
 * @param unanswered requests still outstanding when the drain timeout ended the run
 */
public record LoadResult(
        double targetRate,
        double seconds,
        long offered,
        long accepted,
        long failed,
        long unanswered,
        Map<String, Long> errors,
        LatencyStats latency,
        List<IntervalStats> intervals,
        List<PercentilePoint> distribution) {
    public LoadResult {
        errors = Map.copyOf(errors);
        intervals = List.copyOf(intervals);
        distribution = List.copyOf(distribution);
    }

    /** Accepted events per second over the run. */
    @JsonProperty("achievedRate")
    public double achievedRate() {
        return seconds <= 0 ? 0 : accepted / seconds;
    }

    /** Every offered event accepted. */
    public boolean clean() {
        return failed == 0 && unanswered == 0 && accepted == offered;
    }
}
