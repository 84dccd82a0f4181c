package dev.switchboard.loadtest.scenario;

import dev.switchboard.broker.log.KraftCluster;
import dev.switchboard.loadtest.baseline.TopicTwin;
import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.measure.ProcessSample;
import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ProcessReport;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What one event costs Switchboard itself (issue "hot path"): Kafka runs as its own process ({@link KraftCluster},
 * one node, replication factor 1), so the Switchboard process's CPU, allocation and GC are its own (ingress + dispatch + delivery). One
 * trigger delivers every event to the receiver. For each of the settings' rates an end-to-end phase on a fresh
 * Switchboard reports CPU µs, KiB allocated and GC pause per event, RSS and the end-to-end p99, followed by raw
 * produce → consume at the same rate on the same Kafka. Then the ingress is ramped to saturation with the
 * delivery path running, and the raw producer is ramped the same way, for the ratio of the two.
 */
public final class HotPath implements Scenario {
    static final List<String> TYPES = TriggerLayout.oneEach(1).eventTypes();

    @Override
    public String name() {
        return "hot-path";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(),
                        "Switchboard's own cost per event against a Kafka in another process, at fixed rates and at"
                                + " saturation, beside the raw producer and consumer.",
                        Clock.systemUTC())
                .parameter("rates", settings.rates())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds())
                .parameter("payloadBytes", settings.payloadBytes())
                .parameter("mode", settings.mode().name())
                .parameter("connections", settings.connections().toString())
                .parameter("switchboard", settings.switchboard());
        try (KraftCluster kafka = KraftCluster.start(1, workDir.resolve("kafka"), workDir.resolve("logs"))) {
            // one node: replication factor 1 (an external Kafka's defaults are 3 and min ISR 2)
            Path config = Files.writeString(
                    workDir.resolve("switchboard.yaml"), "kafka:\n  replicationFactor: 1\n  minInsyncReplicas: 1\n");
            List<String> runOptions = List.of("--kafka", kafka.bootstrap(), "--config", config.toString());
            draft.parameter("kafka", "one KRaft node in its own JVM at " + kafka.bootstrap());
            Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
            try {
                for (double rate : settings.rates()) {
                    String name = "hot path " + (long) rate;
                    List<PhaseReport> phases = bench.endToEnd(
                            name,
                            LoadBench.workDir(workDir, "r" + (long) rate),
                            receiver,
                            TriggerLayout.oneEach(1),
                            bench.plan(rate, settings.phaseDuration()),
                            settings.payloadBytes(),
                            true,
                            runOptions);
                    phases.forEach(draft::phase);
                    Ratios.endToEnd(draft, name, phases.get(0), phases.get(1));
                    draft.finding(cost(phases.get(0)));
                }
                saturation(bench, draft, LoadBench.workDir(workDir, "saturation"), receiver, runOptions);
            } finally {
                receiver.close();
            }
        }
        return draft.finish();
    }

    /** The ingress ramped with one trigger delivering everything; then the raw producer's ramp on the same Kafka. */
    private static void saturation(
            LoadBench bench, ReportDraft draft, Path workDir, Receiver receiver, List<String> runOptions)
            throws Exception {
        ScenarioSettings settings = bench.settings();
        StepRamp ramp = new StepRamp(
                settings.rampStart(), settings.rampIncrement(), settings.rampSteps(), settings.p99TargetMicros());
        Path resources = TriggerFiles.write(
                workDir.resolve("resources"),
                TriggerLayout.oneEach(1).triggers("http://127.0.0.1:" + receiver.port(), "http://127.0.0.1:1"));
        try (SwitchboardProcess switchboard =
                SwitchboardProcess.start(settings.jar(), workDir, resources, settings.switchboard(), runOptions)) {
            String runId = bench.runId("hot");
            Ledger ledger = new Ledger();
            Optional<ProcessSample> before = switchboard.sample(System.nanoTime());
            DeliveryDuringRamp deliveries = new DeliveryDuringRamp(receiver, System::nanoTime);
            StepRamp.Outcome switchboardRamp = bench.rampIngress(switchboard, ramp, runId, TYPES, ledger, deliveries);
            Optional<ProcessSample> after = switchboard.sample(System.nanoTime());
            TopicTwin twin = bench.twinOfBrokerTopic(switchboard.kafkaBootstrap(), runId);
            StepRamp.Outcome rawRamp =
                    bench.rampRaw(switchboard.kafkaBootstrap(), twin.name(), ramp, runId + "-raw", TYPES);
            draft.ramp(RampReport.of("switchboard, one trigger delivering", "switchboard", ramp, switchboardRamp));
            draft.ramp(RampReport.of("raw kafka producer", "raw-kafka", ramp, rawRamp));
            if (rawRamp.maxSustainableRate() > 0) {
                draft.ratio(
                        "saturation rate / raw producer's",
                        switchboardRamp.maxSustainableRate() / rawRamp.maxSustainableRate());
            }
            String cpu = before.isPresent() && after.isPresent()
                    ? String.format(
                            "; over the whole ramp (warm-up included) %.1f µs CPU per accepted event",
                            ProcessReport.between(before.get(), after.get(), ledger.size())
                                            .cpuSecondsPerEvent()
                                    * 1e6)
                    : "";
            draft.finding(String.format(
                    "saturation with the delivery path running: Switchboard %.0f ev/s, raw producer %.0f ev/s (p99 ≤"
                            + " %.1f ms); Switchboard stopped %s%s",
                    switchboardRamp.maxSustainableRate(),
                    rawRamp.maxSustainableRate(),
                    settings.p99TargetMicros() / 1000.0,
                    switchboardRamp.stoppedBecause(),
                    cpu));
            draft.finding(String.format(
                    "deliveries during the ramp (offered → delivered per second, end-to-end p99 of the step's"
                            + " arrivals): %s; delivery kept up (≥ %.0f %% of the offered rate, p99 ≤ %.1f ms) to %.0f"
                            + " ev/s",
                    deliveries.describe(),
                    DeliveryDuringRamp.KEPT_UP_SHARE * 100,
                    settings.p99TargetMicros() / 1000.0,
                    deliveries.keptUpTo(settings.p99TargetMicros())));
        }
    }

    private static String cost(PhaseReport phase) {
        ProcessReport process = phase.process();
        if (process == null) {
            return phase.name() + ": no process figures (not Linux?)";
        }
        return String.format(
                "%s: Switchboard alone %.1f µs CPU per event (%.2f cores), %.1f KiB allocated per event, GC pauses"
                        + " %.0f ms in %d, VmRSS %d MiB (peak %d MiB), end-to-end p99 %.1f ms, accepted %d of %d",
                phase.name(),
                process.cpuSecondsPerEvent() * 1e6,
                process.cores(),
                process.allocatedBytesPerEvent() / 1024,
                process.gcPauseSeconds() * 1000,
                process.gcPauses(),
                process.vmRssKiB() / 1024,
                process.vmHwmKiB() / 1024,
                phase.delivery().all().latency().p99() / 1000.0,
                phase.load().accepted(),
                phase.load().offered());
    }
}
