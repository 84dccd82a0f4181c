package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.baseline.TopicTwin;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Raw Kafka alone, on the Kafka a Switchboard process embeds: the step ramp with the ingress's producer
 * settings into a twin of the broker topic, then a fixed-rate phase with a raw consumer reading along.
 */
public final class RawBaseline implements Scenario {
    @Override
    public String name() {
        return "raw-baseline";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        StepRamp ramp = new StepRamp(
                settings.rampStart(), settings.rampIncrement(), settings.rampSteps(), settings.p99TargetMicros());
        ReportDraft draft = new ReportDraft(
                        name(),
                        "Raw Kafka producer and consumer with Switchboard's producer settings.",
                        Clock.systemUTC())
                .parameter("payloadBytes", settings.payloadBytes())
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Path resources = Files.createDirectories(workDir.resolve("resources"));
        try (SwitchboardProcess switchboard =
                SwitchboardProcess.start(settings.jar(), workDir, resources, settings.switchboard())) {
            String runId = bench.runId("raw");
            TopicTwin twin = bench.twinOfBrokerTopic(switchboard.kafkaBootstrap(), runId);
            draft.parameter(
                    "topic",
                    twin.name() + " (like " + twin.copiedFrom() + ": " + twin.partitions() + " partitions, "
                            + twin.configs() + ")");
            StepRamp.Outcome outcome =
                    bench.rampRaw(switchboard.kafkaBootstrap(), twin.name(), ramp, runId, IngressSaturation.TYPES);
            draft.ramp(RampReport.of("raw kafka producer", "raw-kafka", ramp, outcome));
            draft.finding(String.format(
                    "raw Kafka sustained %.0f ev/s; stopped %s",
                    outcome.maxSustainableRate(), outcome.stoppedBecause()));
            draft.phase(bench.rawPhase(
                    "raw produce and consume",
                    switchboard.kafkaBootstrap(),
                    twin.name(),
                    bench.plan(settings.fixedRate(), settings.phaseDuration()),
                    bench.shape(runId + "-fixed", IngressSaturation.TYPES, settings.payloadBytes())));
        }
        return draft.finish();
    }
}
