package dev.switchboard.loadtest.report;

import dev.switchboard.loadtest.measure.IntervalStats;
import dev.switchboard.loadtest.measure.PercentilePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The charts of a report: per phase, latency percentiles over time, throughput over time and the latency
 * distribution; across phases, one distribution chart; per ramp set, p99 and achieved rate against the
 * offered rate. Latencies are drawn in milliseconds.
 */
public final class ReportCharts {

    private static final int MAX_ROUTE_LINES = 8;

    private ReportCharts() {}

    public static String latencyFile(int phase) {
        return "phase-" + phase + "-latency.png";
    }

    public static String throughputFile(int phase) {
        return "phase-" + phase + "-throughput.png";
    }

    public static String distributionFile(int phase) {
        return "phase-" + phase + "-distribution.png";
    }

    public static final String ALL_DISTRIBUTIONS = "distributions.png";
    public static final String RAMP_LATENCY = "ramp-latency.png";
    public static final String RAMP_THROUGHPUT = "ramp-throughput.png";

    public static final String TIMELINE_RATES = "timeline-rates.png";
    public static final String TIMELINE_P99 = "timeline-p99.png";

    public static List<Chart> of(ScenarioReport report) {
        List<Chart> charts = new ArrayList<>();
        if (report.timeline() != null && !report.timeline().isEmpty()) {
            charts.addAll(timelineCharts(report.timeline()));
        }
        for (int i = 0; i < report.phases().size(); i++) {
            charts.addAll(phaseCharts(i, report.phases().get(i)));
        }
        if (report.phases().size() > 1) {
            List<Line> lines = new ArrayList<>();
            for (PhaseReport phase : report.phases()) {
                lines.add(
                        distributionLine(phase.name() + " answer", phase.load().distribution()));
                if (phase.delivery() != null) {
                    lines.add(distributionLine(
                            phase.name() + " end-to-end", phase.delivery().all().distribution()));
                }
            }
            charts.add(new Chart(
                    ALL_DISTRIBUTIONS,
                    "Latency distribution, every phase",
                    "percentile",
                    "latency (ms)",
                    true,
                    true,
                    lines));
        }
        if (!report.ramps().isEmpty()) {
            charts.addAll(rampCharts(report.ramps()));
        }
        return charts;
    }

    /**
     * Accepted and delivered per second with one band per fault kind above them (drawn while the fault lasts,
     * from its start to its repair), and the deliveries' p99 per second on a log scale with the same bands.
     */
    static List<Chart> timelineCharts(Timeline timeline) {
        double top = 1;
        for (int i = 0; i < timeline.seconds().size(); i++) {
            top = Math.max(
                    top,
                    Math.max(
                            timeline.acceptedPerSecond().get(i),
                            timeline.deliveredPerSecond().get(i)));
        }
        List<Line> rates = new ArrayList<>(List.of(
                new Line("accepted/s", timeline.seconds(), timeline.acceptedPerSecond()),
                new Line("delivered/s", timeline.seconds(), timeline.deliveredPerSecond())));
        rates.addAll(faultBands(timeline, top * 1.05, top * 0.04));
        double p99Top = timeline.p99Millis().stream().mapToDouble(v -> v).max().orElse(1);
        List<Line> p99 = new ArrayList<>(List.of(new Line("end-to-end p99", timeline.seconds(), timeline.p99Millis())));
        p99.addAll(faultBands(timeline, p99Top * 1.5, p99Top * 0.3));
        return List.of(
                new Chart(
                        TIMELINE_RATES,
                        "Accepted and delivered per second, faults above",
                        "seconds",
                        "events/s",
                        false,
                        false,
                        rates),
                new Chart(
                        TIMELINE_P99,
                        "End-to-end p99 of each second's deliveries, faults above",
                        "seconds",
                        "latency (ms)",
                        false,
                        true,
                        p99));
    }

    private static List<Line> faultBands(Timeline timeline, double base, double step) {
        Map<String, List<Timeline.FaultMark>> byKind = new LinkedHashMap<>();
        timeline.faults().forEach(fault -> byKind.computeIfAbsent(fault.kind(), k -> new ArrayList<>())
                .add(fault));
        List<Line> bands = new ArrayList<>();
        int level = 0;
        for (Map.Entry<String, List<Timeline.FaultMark>> kind : byKind.entrySet()) {
            double y = base + step * level++;
            List<Double> x = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Timeline.FaultMark fault : kind.getValue()) {
                x.addAll(List.of(
                        fault.start(), Math.max(fault.healStart(), fault.start() + 0.5), fault.healStart() + 0.6));
                ys.addAll(List.of(y, y, Double.NaN));
            }
            bands.add(new Line(kind.getKey(), x, ys));
        }
        return bands;
    }

    private static List<Chart> phaseCharts(int index, PhaseReport phase) {
        String answer = "raw-kafka".equals(phase.target()) ? "ack" : "202";
        List<Line> latency =
                new ArrayList<>(percentileLines(answer, phase.load().intervals()));
        List<Line> throughput = new ArrayList<>();
        throughput.add(rateLine(answer + " /s", phase.load().intervals(), IntervalStats::events));
        throughput.add(rateLine("errors /s", phase.load().intervals(), IntervalStats::errors));
        List<Line> distribution = new ArrayList<>();
        distribution.add(distributionLine(answer + " latency", phase.load().distribution()));
        DeliveryReport delivery = phase.delivery();
        if (delivery != null) {
            String arrived = "raw consumer".equals(delivery.at()) ? "consumed" : "delivered";
            latency.addAll(percentileLines(arrived, delivery.all().intervals()));
            throughput.add(rateLine(arrived + " /s", delivery.all().intervals(), IntervalStats::events));
            distribution.add(distributionLine(
                    "end-to-end (" + arrived + ")", delivery.all().distribution()));
            if (delivery.routes().size() > 1 && delivery.routes().size() <= MAX_ROUTE_LINES) {
                for (Map.Entry<String, RouteReport> route : delivery.routes().entrySet()) {
                    throughput.add(
                            rateLine(route.getKey() + " /s", route.getValue().intervals(), IntervalStats::events));
                    distribution.add(
                            distributionLine(route.getKey(), route.getValue().distribution()));
                }
            }
        }
        String title = phase.name() + " (" + phase.target() + ", "
                + (long) phase.load().targetRate() + " ev/s offered)";
        return List.of(
                new Chart(
                        latencyFile(index),
                        "Latency over time — " + title,
                        "seconds",
                        "latency (ms)",
                        false,
                        true,
                        latency),
                new Chart(
                        throughputFile(index),
                        "Throughput over time — " + title,
                        "seconds",
                        "events / s",
                        false,
                        false,
                        throughput),
                new Chart(
                        distributionFile(index),
                        "Latency distribution — " + title,
                        "percentile",
                        "latency (ms)",
                        true,
                        true,
                        distribution));
    }

    private static List<Line> percentileLines(String label, List<IntervalStats> intervals) {
        return List.of(
                latencyLine(label + " p50", intervals, interval -> interval.latency()
                        .p50()),
                latencyLine(label + " p99", intervals, interval -> interval.latency()
                        .p99()),
                latencyLine(label + " max", intervals, interval -> interval.latency()
                        .max()));
    }

    private static Line latencyLine(String name, List<IntervalStats> intervals, ToLongFunction<IntervalStats> micros) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (IntervalStats interval : intervals) {
            if (interval.latency().count() > 0) {
                x.add(interval.atSeconds());
                y.add(Math.max(0.001, micros.applyAsLong(interval) / 1000.0));
            }
        }
        return new Line(name, x, y);
    }

    private static Line rateLine(String name, List<IntervalStats> intervals, ToLongFunction<IntervalStats> count) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (IntervalStats interval : intervals) {
            if (interval.seconds() > 0.05) {
                x.add(interval.atSeconds());
                y.add(count.applyAsLong(interval) / interval.seconds());
            }
        }
        return new Line(name, x, y);
    }

    static Line distributionLine(String name, List<PercentilePoint> points) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (PercentilePoint point : points) {
            double percentile = point.percentile();
            if (percentile >= 100) {
                continue; // infinitely many nines: the maximum is in the tables
            }
            double nines = Math.log10(1 / (1 - percentile / 100));
            if (!x.isEmpty() && nines <= x.get(x.size() - 1)) {
                continue;
            }
            x.add(nines);
            y.add(Math.max(0.001, point.micros() / 1000.0));
        }
        return new Line(name, x, y);
    }

    private static List<Chart> rampCharts(List<RampReport> ramps) {
        List<Line> latency = new ArrayList<>();
        List<Line> throughput = new ArrayList<>();
        double maxOffered = 0;
        for (RampReport ramp : ramps) {
            List<Double> offered = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> achieved = new ArrayList<>();
            for (RampReport.Point step : ramp.steps()) {
                offered.add(step.offered());
                p99.add(Math.max(0.001, step.latency().p99() / 1000.0));
                achieved.add(step.achieved());
                maxOffered = Math.max(maxOffered, step.offered());
            }
            latency.add(new Line(ramp.name() + " p99", offered, p99));
            throughput.add(new Line(ramp.name() + " achieved", offered, achieved));
        }
        if (maxOffered > 0) {
            double target = ramps.get(0).p99TargetMicros() / 1000.0;
            latency.add(new Line("p99 target", List.of(0.0, maxOffered), List.of(target, target)));
            throughput.add(new Line("offered (target)", List.of(0.0, maxOffered), List.of(0.0, maxOffered)));
        }
        return List.of(
                new Chart(
                        RAMP_LATENCY,
                        "Step ramp: p99 answer latency by offered rate",
                        "offered events / s",
                        "p99 latency (ms)",
                        false,
                        true,
                        latency),
                new Chart(
                        RAMP_THROUGHPUT,
                        "Step ramp: accepted rate by offered rate",
                        "offered events / s",
                        "accepted events / s",
                        false,
                        false,
                        throughput));
    }
}
