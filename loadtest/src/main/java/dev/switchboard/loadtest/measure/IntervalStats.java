package dev.switchboard.loadtest.measure;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One second (or so) of a run: when it ended, seconds after the run started; how many events completed
 * well in it (accepted by the ingress, or received by a subscriber); how many failed; and the latencies of
 * the events that completed in it.
 */
public record IntervalStats(double atSeconds, double seconds, long events, long errors, LatencyStats latency) {
    /** Completed events per second over the interval. */
    @JsonProperty("rate")
    public double rate() {
        return seconds <= 0 ? 0 : events / seconds;
    }
}
