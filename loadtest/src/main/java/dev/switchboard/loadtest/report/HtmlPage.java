package dev.switchboard.loadtest.report;

import dev.switchboard.loadtest.load.LoadResult;
import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.Reconciliation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The report as one static HTML page: verdict, findings, ratios, tables of figures and the charts. */
final class HtmlPage {
    private static final int MAX_ROUTE_ROWS = 20;

    private final StringBuilder html = new StringBuilder(16_384);

    static String of(ScenarioReport report, Set<String> chartFiles) {
        return new HtmlPage().render(report, chartFiles);
    }

    private String render(ScenarioReport report, Set<String> charts) {
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape("Switchboard load test — " + report.scenario()))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 8px;"
                                + "text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
                .append(".pass{color:#fff;background:#2a7;padding:2px 8px;border-radius:4px}")
                .append(".fail{color:#fff;background:#c33;padding:2px 8px;border-radius:4px}")
                .append("img{max-width:100%;border:1px solid #eee;margin:.3em 0}code{background:#f4f4f4}")
                .append("</style></head><body>");
        html.append("<h1>")
                .append(escape(report.scenario()))
                .append(' ')
                .append(
                        report.passed()
                                ? "<span class=\"pass\">checks held</span>"
                                : "<span class=\"fail\">checks failed</span>")
                .append("</h1><p>")
                .append(escape(report.summary()))
                .append("</p>");
        html.append("<p>Started ")
                .append(report.startedAt())
                .append(" on ")
                .append(report.machine().cores())
                .append(" cores, ")
                .append(escape(report.machine().os()))
                .append(", ")
                .append(escape(report.machine().java()))
                .append(", load average at start ")
                .append(format(report.machine().loadAverageAtStart()))
                .append(".</p>");
        list("Findings", report.findings());
        keyValues("Ratios (Switchboard / raw Kafka)", report.ratios());
        keyValues("Parameters", report.parameters());
        if (report.timeline() != null && !report.timeline().isEmpty()) {
            faults(report.timeline());
            image(charts, ReportCharts.TIMELINE_RATES);
            image(charts, ReportCharts.TIMELINE_P99);
        }
        if (!report.ramps().isEmpty()) {
            ramps(report);
            image(charts, ReportCharts.RAMP_LATENCY);
            image(charts, ReportCharts.RAMP_THROUGHPUT);
        }
        if (!report.phases().isEmpty()) {
            phasesTable(report);
            processTable(report);
            image(charts, ReportCharts.ALL_DISTRIBUTIONS);
        }
        for (int i = 0; i < report.phases().size(); i++) {
            PhaseReport phase = report.phases().get(i);
            html.append("<h2>")
                    .append(escape(phase.name()))
                    .append(" — ")
                    .append(escape(phase.target()))
                    .append("</h2>");
            if (phase.delivery() != null) {
                deliveryTable(phase);
            }
            image(charts, ReportCharts.latencyFile(i));
            image(charts, ReportCharts.throughputFile(i));
            image(charts, ReportCharts.distributionFile(i));
        }
        html.append("<p>Machine-readable figures: <a href=\"report.json\">report.json</a> (latencies in µs).</p>");
        return html.append("</body></html>\n").toString();
    }

    private void list(String title, java.util.List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<h2>").append(escape(title)).append("</h2><ul>");
        items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>"));
        html.append("</ul>");
    }

    private void keyValues(String title, Map<String, ?> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<h2>").append(escape(title)).append("</h2><table>");
        values.forEach((key, value) -> html.append("<tr><td>")
                .append(escape(key))
                .append("</td><td>")
                .append(escape(value instanceof Double number ? format(number) : String.valueOf(value)))
                .append("</td></tr>"));
        html.append("</table>");
    }

    private void ramps(ScenarioReport report) {
        html.append("<h2>Step ramps</h2><table><tr><th>ramp</th><th>offered ev/s</th><th>achieved ev/s</th>"
                + "<th>p50 ms</th><th>p99 ms</th><th>max ms</th><th>held</th><th>errors</th></tr>");
        for (RampReport ramp : report.ramps()) {
            for (RampReport.Point step : ramp.steps()) {
                html.append("<tr><td>")
                        .append(escape(ramp.name()))
                        .append("</td><td>")
                        .append(format(step.offered()))
                        .append("</td><td>")
                        .append(format(step.achieved()))
                        .append("</td>");
                millis(step.latency().p50());
                millis(step.latency().p99());
                millis(step.latency().max());
                html.append("<td>")
                        .append(step.held() ? "yes" : "no")
                        .append("</td><td>")
                        .append(escape(step.errors().toString()))
                        .append("</td></tr>");
            }
        }
        html.append("</table><ul>");
        for (RampReport ramp : report.ramps()) {
            html.append("<li><b>")
                    .append(escape(ramp.name()))
                    .append("</b>: max sustainable ")
                    .append(format(ramp.maxSustainableRate()))
                    .append(" ev/s with p99 ≤ ")
                    .append(format(ramp.p99TargetMicros() / 1000.0))
                    .append(" ms; stopped ")
                    .append(escape(ramp.stoppedBecause()))
                    .append("</li>");
        }
        html.append("</ul>");
    }

    private void phasesTable(ScenarioReport report) {
        html.append("<h2>Phases</h2><table><tr><th>phase</th><th>target</th><th>offered ev/s</th><th>achieved ev/s</th>"
                + "<th>offered</th><th>accepted</th><th>failed</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th>"
                + "<th>max ms</th><th>stored missing</th></tr>");
        for (PhaseReport phase : report.phases()) {
            LoadResult load = phase.load();
            html.append("<tr><td>")
                    .append(escape(phase.name()))
                    .append("</td><td>")
                    .append(escape(phase.target()))
                    .append("</td><td>")
                    .append(format(load.targetRate()))
                    .append("</td><td>")
                    .append(format(load.achievedRate()))
                    .append("</td><td>")
                    .append(load.offered())
                    .append("</td><td>")
                    .append(load.accepted())
                    .append("</td><td>")
                    .append(load.failed())
                    .append("</td>");
            latencyCells(load.latency());
            html.append("<td>")
                    .append(
                            phase.stored() == null
                                    ? "—"
                                    : Long.toString(phase.stored().missing()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    /** CPU, threads and memory of the Switchboard process per phase, where they were measured. */
    private void processTable(ScenarioReport report) {
        if (report.phases().stream().allMatch(phase -> phase.process() == null)) {
            return;
        }
        html.append("<h2>Switchboard process</h2><p>CPU (utime + stime) from the start of the measured load to its"
                + " last delivery, per accepted event; threads and memory at the end.</p><table><tr><th>phase</th>"
                + "<th>seconds</th><th>CPU s</th><th>cores busy</th><th>CPU ms / event</th><th>threads</th>"
                + "<th>VmRSS MiB</th><th>VmHWM MiB</th><th>KiB allocated / event</th><th>GC pause ms</th></tr>");
        for (PhaseReport phase : report.phases()) {
            ProcessReport process = phase.process();
            if (process == null) {
                continue;
            }
            html.append("<tr><td>")
                    .append(escape(phase.name()))
                    .append("</td><td>")
                    .append(format(process.seconds()))
                    .append("</td><td>")
                    .append(format(process.cpuSeconds()))
                    .append("</td><td>")
                    .append(format(process.cores()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", process.cpuSecondsPerEvent() * 1000))
                    .append("</td><td>")
                    .append(process.threads())
                    .append("</td><td>")
                    .append(format(process.vmRssKiB() / 1024.0))
                    .append("</td><td>")
                    .append(format(process.vmHwmKiB() / 1024.0))
                    .append("</td><td>")
                    .append(format(process.allocatedBytesPerEvent() / 1024.0))
                    .append("</td><td>")
                    .append(format(process.gcPauseSeconds() * 1000))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private void deliveryTable(PhaseReport phase) {
        DeliveryReport delivery = phase.delivery();
        Reconciliation r = delivery.reconciliation();
        html.append("<p>At the ")
                .append(escape(delivery.at()))
                .append(": ")
                .append(escape(delivery.waited().reason()))
                .append(" after ")
                .append(format(delivery.waited().waitedSeconds()))
                .append(" s; ")
                .append(format(delivery.deliveredPerSecond()))
                .append(" deliveries/s.</p>");
        html.append("<table><tr><th>route</th><th>expected</th><th>received</th><th>missing</th><th>duplicates</th>"
                + "<th>unexpected</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
        html.append("<tr><td>all</td><td>")
                .append(r.expected())
                .append("</td><td>")
                .append(r.received())
                .append("</td><td>")
                .append(r.missing())
                .append("</td><td>")
                .append(r.duplicates())
                .append("</td><td>")
                .append(r.unexpected())
                .append("</td>");
        latencyCells(delivery.all().latency());
        html.append("</tr>");
        routeRows(delivery.routes()).forEach((route, report) -> {
            html.append("<tr><td>")
                    .append(escape(route))
                    .append("</td><td></td><td>")
                    .append(report.latency().count())
                    .append("</td><td></td><td></td><td></td>");
            latencyCells(report.latency());
            html.append("</tr>");
        });
        html.append("</table>");
        if (delivery.routes().size() > MAX_ROUTE_ROWS) {
            html.append("<p>The ")
                    .append(MAX_ROUTE_ROWS)
                    .append(" routes with the highest p99 of ")
                    .append(delivery.routes().size())
                    .append("; every route is in report.json.</p>");
        }
        if (!r.missingSample().isEmpty()) {
            html.append("<p>Some missing ids: <code>")
                    .append(escape(String.join(", ", r.missingSample())))
                    .append("</code></p>");
        }
    }

    /** Every route, or past {@value #MAX_ROUTE_ROWS} the ones with the highest p99 (1,000 rows say little). */
    private void faults(Timeline timeline) {
        html.append("<h2>Faults</h2><table><tr><th>fault</th><th>target</th><th>start (s)</th>"
                + "<th>repair began (s)</th><th>repaired (s)</th><th>recovery after repair (s)</th>"
                + "<th>longest delivery gap (s)</th><th>longest ingress gap (s)</th></tr>");
        for (Timeline.FaultMark fault : timeline.faults()) {
            html.append("<tr><td>")
                    .append(escape(fault.kind()))
                    .append("</td><td>")
                    .append(escape(fault.target()))
                    .append("</td><td>")
                    .append(format(fault.start()))
                    .append("</td><td>")
                    .append(format(fault.healStart()))
                    .append("</td><td>")
                    .append(format(fault.healed()))
                    .append("</td><td>")
                    .append(fault.recoverySeconds() < 0 ? "not within the run" : format(fault.recoverySeconds()))
                    .append("</td><td>")
                    .append(fault.longestDeliveryGapSeconds())
                    .append("</td><td>")
                    .append(fault.longestIngressGapSeconds())
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static Map<String, RouteReport> routeRows(Map<String, RouteReport> routes) {
        if (routes.size() <= MAX_ROUTE_ROWS) {
            return routes;
        }
        Map<String, RouteReport> worst = new LinkedHashMap<>();
        routes.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, RouteReport> route) ->
                                route.getValue().latency().p99())
                        .reversed())
                .limit(MAX_ROUTE_ROWS)
                .forEach(route -> worst.put(route.getKey(), route.getValue()));
        return worst;
    }

    private void latencyCells(LatencyStats latency) {
        millis(latency.p50());
        millis(latency.p99());
        millis(latency.p999());
        millis(latency.max());
    }

    private void millis(long micros) {
        html.append("<td>").append(format(micros / 1000.0)).append("</td>");
    }

    private void image(Set<String> charts, String file) {
        if (charts.contains(file)) {
            html.append("<img src=\"")
                    .append(file)
                    .append("\" alt=\"")
                    .append(file)
                    .append("\">");
        }
    }

    static String format(double value) {
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
