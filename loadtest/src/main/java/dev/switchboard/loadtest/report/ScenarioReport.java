package dev.switchboard.loadtest.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one scenario run measured, as written to {@code report.json}: its phases and ramps, the
 * Switchboard/raw-Kafka ratios, plain-language findings, whether its checks held, and for scenarios that inject
 * faults their {@link Timeline} and {@code details} (e.g. per-trigger accounts).
 *
 * @param startedAt RFC 3339 instant
 */
public record ScenarioReport(
        String scenario,
        String summary,
        String startedAt,
        Machine machine,
        Map<String, Object> parameters,
        List<PhaseReport> phases,
        List<RampReport> ramps,
        Map<String, Double> ratios,
        List<String> findings,
        boolean passed,
        Timeline timeline,
        Map<String, Object> details) {
    /** A report without timeline or details. */
    public ScenarioReport(
            String scenario,
            String summary,
            String startedAt,
            Machine machine,
            Map<String, Object> parameters,
            List<PhaseReport> phases,
            List<RampReport> ramps,
            Map<String, Double> ratios,
            List<String> findings,
            boolean passed) {
        this(
                scenario,
                summary,
                startedAt,
                machine,
                parameters,
                phases,
                ramps,
                ratios,
                findings,
                passed,
                Timeline.NONE,
                Map.of());
    }

    public ScenarioReport {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        phases = List.copyOf(phases);
        ramps = List.copyOf(ramps);
        ratios = Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
        findings = List.copyOf(findings);
    }
}
