package dev.switchboard.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.loadtest.load.LoadResult;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.measure.ArrivalWait;
import dev.switchboard.loadtest.measure.IntervalStats;
import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.PercentilePoint;
import dev.switchboard.loadtest.measure.ProcessSample;
import dev.switchboard.loadtest.measure.Reconciliation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path folder;

    private static LoadResult load(double rate, long baseMicros) {
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        List<IntervalStats> intervals = new ArrayList<>();
        for (int second = 1; second <= 20; second++) {
            Histogram interval = new Histogram(3_600_000_000L, 3);
            for (int i = 0; i < rate; i++) {
                interval.recordValue(baseMicros + (i * 37L % 1000) * baseMicros / 100 + second * 50L);
            }
            histogram.add(interval);
            intervals.add(new IntervalStats(second, 1, (long) rate, 0, LatencyStats.of(interval)));
        }
        return new LoadResult(
                rate,
                20,
                (long) rate * 20,
                (long) rate * 20,
                0,
                0,
                Map.of(),
                LatencyStats.of(histogram),
                intervals,
                PercentilePoint.distribution(histogram, 5));
    }

    private static ScenarioReport report() {
        LoadResult switchboard = load(500, 2_000);
        LoadResult raw = load(500, 800);
        RouteReport route = new RouteReport(switchboard.latency(), switchboard.intervals(), switchboard.distribution());
        DeliveryReport delivery = new DeliveryReport(
                "subscribers",
                new Reconciliation(10_000, 9_998, 2, 1, 0, List.of("r-1", "r-2")),
                new ArrivalWait.Outcome(false, 9_998, 10_000, 30, "nothing arrived for 15 s (2 missing)"),
                499.9,
                0,
                0,
                route,
                Map.of("/t0", route, "/t1", route));
        StepRamp ramp = new StepRamp(100, 100, 5, 50_000);
        List<StepRamp.Step> steps = IntStream.range(0, 4)
                .mapToObj(i -> new StepRamp.Step(i, 100 + 100 * i, load(100 + 100 * i, 1_000 * (i + 1)), i < 3))
                .toList();
        return new ScenarioReport(
                "example",
                "A synthetic report.",
                "2030-01-01T00:00:00Z",
                Machine.current(),
                Map.of("rate", 500),
                List.of(
                        new PhaseReport(
                                "e2e 500",
                                "switchboard",
                                switchboard,
                                new Reconciliation(10_000, 10_000, 0, 0, 0, List.of()),
                                delivery,
                                ProcessReport.between(
                                        new ProcessSample(0, 10.0, 80, 600_000, 650_000),
                                        new ProcessSample(25_000_000_000L, 22.5, 95, 700_000, 720_000),
                                        10_000)),
                        new PhaseReport("e2e 500 raw", "raw-kafka", raw, null, null, null)),
                List.of(RampReport.of(
                        "switchboard",
                        "switchboard",
                        ramp,
                        new StepRamp.Outcome(steps, 300, "at 400 ev/s: p99 above"))),
                Map.of("maxSustainableRate", 0.75),
                List.of("e2e 500: missing = 2"),
                false);
    }

    @Test
    void writesJsonHtmlAndOnePngPerChart() throws Exception {
        ReportWriter writer = new ReportWriter();
        Path page = writer.write(report(), folder);

        JsonNode json = writer.json().readTree(folder.resolve(ReportWriter.JSON).toFile());
        assertThat(json.path("scenario").asText()).isEqualTo("example");
        assertThat(json.path("phases").get(0).path("load").path("achievedRate").asDouble())
                .isEqualTo(500.0);
        assertThat(json.path("phases")
                        .get(0)
                        .path("delivery")
                        .path("reconciliation")
                        .path("missing")
                        .asLong())
                .isEqualTo(2);
        assertThat(json.path("ramps").get(0).path("maxSustainableRate").asDouble())
                .isEqualTo(300.0);
        assertThat(json.path("phases").get(1).has("delivery")).isFalse();
        JsonNode process = json.path("phases").get(0).path("process");
        assertThat(process.path("cpuSeconds").asDouble()).isEqualTo(12.5);
        assertThat(process.path("cpuSecondsPerEvent").asDouble()).isEqualTo(0.00125);
        assertThat(process.path("threads").asInt()).isEqualTo(95);
        assertThat(process.path("vmHwmKiB").asLong()).isEqualTo(720_000);
        assertThat(json.path("phases").get(1).has("process")).isFalse();

        List<String> charts = List.of(
                ReportCharts.latencyFile(0),
                ReportCharts.throughputFile(0),
                ReportCharts.distributionFile(0),
                ReportCharts.latencyFile(1),
                ReportCharts.ALL_DISTRIBUTIONS,
                ReportCharts.RAMP_LATENCY,
                ReportCharts.RAMP_THROUGHPUT);
        String html = Files.readString(page);
        for (String chart : charts) {
            Path png = folder.resolve(chart);
            assertThat(png).isRegularFile();
            byte[] header = Files.readAllBytes(png);
            assertThat(header).startsWith(0x89, 'P', 'N', 'G');
            assertThat(html).contains("src=\"" + chart + "\"");
        }
        assertThat(html)
                .contains("<h2>Switchboard process</h2>")
                .contains("<td>1.250</td>")
                .contains("<td>703</td>");
        assertThat(html).contains("checks failed").contains("r-1, r-2").contains("max sustainable 300 ev/s");
    }
}
