package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.report.Machine;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario report being filled in. The checks that decide {@code passed} are the loss checks: every
 * accepted event in the topic, and every accepted event that should reach a subscriber (or the raw
 * consumer) arrived (docs/delivery.md: loss is a bug). Performance targets are findings, not pass/fail.
 */
final class ReportDraft {
    private final String scenario;
    private final String summary;
    private final String startedAt;
    private final Machine machine = Machine.current();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<PhaseReport> phases = new ArrayList<>();
    private final List<RampReport> ramps = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    ReportDraft(String scenario, String summary, Clock clock) {
        this.scenario = scenario;
        this.summary = summary;
        this.startedAt = clock.instant().toString();
    }

    ReportDraft parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    ReportDraft phase(PhaseReport phase) {
        phases.add(phase);
        if (phase.stored() != null && !phase.stored().complete()) {
            findings.add(phase.name() + ": " + phase.stored().missing() + " accepted events are not in the topic");
        }
        if (phase.delivery() != null) {
            var delivery = phase.delivery();
            if (delivery.reconciliation().expected() > 0
                    && delivery.reconciliation().received() == 0) {
                findings.add(phase.name() + ": no event reached the " + delivery.at() + " ("
                        + delivery.waited().reason() + "); missing = "
                        + delivery.reconciliation().missing());
            } else if (!delivery.reconciliation().complete()) {
                findings.add(phase.name() + ": missing = "
                        + delivery.reconciliation().missing() + " at the " + delivery.at() + " ("
                        + delivery.waited().reason() + ")");
            } else {
                findings.add(phase.name() + ": missing = 0 of "
                        + delivery.reconciliation().expected() + " at the " + delivery.at() + ", duplicates = "
                        + delivery.reconciliation().duplicates());
            }
        }
        return this;
    }

    ReportDraft ramp(RampReport ramp) {
        ramps.add(ramp);
        return this;
    }

    ReportDraft ratio(String name, double value) {
        if (Double.isFinite(value)) {
            ratios.put(name, Math.round(value * 1000) / 1000.0);
        }
        return this;
    }

    ReportDraft finding(String text) {
        findings.add(text);
        return this;
    }

    ScenarioReport finish() {
        boolean passed = phases.stream()
                .allMatch(phase -> (phase.stored() == null || phase.stored().complete())
                        && (phase.delivery() == null
                                || phase.delivery().reconciliation().complete()));
        return new ScenarioReport(
                scenario, summary, startedAt, machine, parameters, phases, ramps, ratios, findings, passed);
    }
}
