package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.baseline.TopicTwin;
import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The highest rate Switchboard's ingress sustains with p99 (202 after Kafka's ack, from the intended send
 * time) under the target and every event accepted, against the same step ramp written straight to a twin
 * of the broker topic with the ingress's producer settings on the same Kafka, minutes apart. The ledger of
 * every step is checked against the broker topic: sent = accepted = stored.
 */
public final class IngressSaturation implements Scenario {
    static final List<String> TYPES = List.of("loadtest.saturation");

    @Override
    public String name() {
        return "ingress-saturation";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        StepRamp ramp = new StepRamp(
                settings.rampStart(), settings.rampIncrement(), settings.rampSteps(), settings.p99TargetMicros());
        ReportDraft draft = new ReportDraft(
                        name(), "Maximum sustainable ingress rate, Switchboard against raw Kafka.", Clock.systemUTC())
                .parameter("mode", settings.mode().name())
                .parameter("connections", settings.connections().toString())
                .parameter("payloadBytes", settings.payloadBytes())
                .parameter("stepSeconds", settings.stepDuration().toSeconds())
                .parameter("rampStart", settings.rampStart())
                .parameter("rampIncrement", settings.rampIncrement())
                .parameter("rampSteps", settings.rampSteps())
                .parameter("p99TargetMicros", settings.p99TargetMicros());
        Path resources = Files.createDirectories(workDir.resolve("resources"));
        try (SwitchboardProcess switchboard =
                SwitchboardProcess.start(settings.jar(), workDir, resources, settings.switchboard())) {
            String runId = bench.runId("sat");
            Ledger ledger = new Ledger();
            StepRamp.Outcome switchboardRamp =
                    bench.rampIngress(switchboard, ramp, runId, TYPES, ledger, RampWatch.NONE);
            var stored = bench.stored(switchboard.kafkaBootstrap(), ledger, runId);
            TopicTwin twin = bench.twinOfBrokerTopic(switchboard.kafkaBootstrap(), runId);
            StepRamp.Outcome rawRamp =
                    bench.rampRaw(switchboard.kafkaBootstrap(), twin.name(), ramp, runId + "-raw", TYPES);

            draft.parameter(
                    "rawTopic",
                    twin.name() + " (like " + twin.copiedFrom() + ": " + twin.partitions() + " partitions, replication "
                            + twin.replicationFactor() + ", " + twin.configs() + ")");
            draft.ramp(RampReport.of("switchboard", "switchboard", ramp, switchboardRamp));
            draft.ramp(RampReport.of("raw kafka producer", "raw-kafka", ramp, rawRamp));
            StepRamp.Step switchboardBest = best(switchboardRamp);
            StepRamp.Step rawBest = best(rawRamp);
            draft.phase(new PhaseReport(
                    "switchboard " + (long) switchboardBest.rate() + " ev/s",
                    "switchboard",
                    switchboardBest.result(),
                    stored,
                    null,
                    null));
            draft.phase(new PhaseReport(
                    "raw kafka " + (long) rawBest.rate() + " ev/s", "raw-kafka", rawBest.result(), null, null, null));
            double ratio = switchboardRamp.maxSustainableRate() / rawRamp.maxSustainableRate();
            draft.ratio("maxSustainableRate", ratio);
            if (rawRamp.maxSustainableRate() == 0) {
                draft.finding("raw Kafka held no step, so there is no ratio: lower the start rate or raise the target");
            }
            draft.finding(String.format(
                    "Switchboard sustained %.0f ev/s, raw Kafka %.0f ev/s with p99 ≤ %.1f ms: ratio %.2f (target ≥ 0.6)",
                    switchboardRamp.maxSustainableRate(),
                    rawRamp.maxSustainableRate(),
                    settings.p99TargetMicros() / 1000.0,
                    ratio));
            draft.finding("Switchboard ramp stopped " + switchboardRamp.stoppedBecause());
            draft.finding("raw Kafka ramp stopped " + rawRamp.stoppedBecause());
            if (rawRamp.steps().stream().allMatch(StepRamp.Step::held)) {
                draft.finding("raw Kafka held every step: its maximum is higher than measured, the ratio lower");
            }
            draft.finding("sent = accepted = stored: " + stored.expected() + " accepted, " + stored.missing()
                    + " missing from the topic, " + stored.unexpected() + " in the topic though not answered 202");
        }
        return draft.finish();
    }

    /** The highest step that held, or the first step when none did. */
    static StepRamp.Step best(StepRamp.Outcome outcome) {
        return outcome.steps().stream()
                .filter(StepRamp.Step::held)
                .reduce((first, second) -> second)
                .orElse(outcome.steps().get(0));
    }
}
