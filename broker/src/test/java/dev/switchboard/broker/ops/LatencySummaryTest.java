package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** p50/p99 from Prometheus-style histograms, interpolated as {@code histogram_quantile} does. */
class LatencySummaryTest {

    @Test
    void interpolatesInsideTheBucketHoldingTheRank() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(0.1, 50.0);
        cumulative.put(0.2, 90.0);
        cumulative.put(0.4, 100.0);

        assertThat(LatencySummary.quantile(cumulative, 100, 0.5)).hasValue(0.1);
        assertThat(LatencySummary.quantile(cumulative, 100, 0.7).getAsDouble())
                .isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencySummary.quantile(cumulative, 100, 0.95).getAsDouble())
                .isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rankAboveTheLastBucketIsTheLastBound() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(1.0, 10.0);

        assertThat(LatencySummary.quantile(cumulative, 20, 0.99)).hasValue(1.0);
    }

    @Test
    void mergesTheHistogramsOfSeveralTimersOfAPrometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer ok = timer(registry, "200");
        Timer failed = timer(registry, "500");
        for (int i = 1; i <= 90; i++) {
            ok.record(Duration.ofMillis(10));
        }
        for (int i = 1; i <= 10; i++) {
            failed.record(Duration.ofSeconds(2));
        }

        LatencySummary summary = LatencySummary.of(List.of(ok.takeSnapshot(), failed.takeSnapshot()));

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Seconds().getAsDouble()).isBetween(0.008, 0.0115);
        assertThat(summary.p99Seconds().getAsDouble()).isBetween(1.7, 2.9);
    }

    @Test
    void nothingRecordedHasNoQuantiles() {
        assertThat(LatencySummary.of(List.of())).isEqualTo(LatencySummary.NONE);
    }

    private static Timer timer(PrometheusMeterRegistry registry, String code) {
        return Timer.builder("t")
                .tag("code", code)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }
}
