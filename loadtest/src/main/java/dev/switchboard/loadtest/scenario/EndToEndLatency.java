package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * End-to-end latency (intended send time to arrival at the subscriber) at fixed rates, one trigger, each
 * rate on a fresh Switchboard followed by raw Kafka produce-to-consume at the same rate on the same Kafka.
 */
public final class EndToEndLatency implements Scenario {
    @Override
    public String name() {
        return "end-to-end";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(), "End-to-end latency at fixed rates, Switchboard against raw Kafka.", Clock.systemUTC())
                .parameter("rates", settings.rates())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds())
                .parameter("payloadBytes", settings.payloadBytes())
                .parameter("mode", settings.mode().name());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        try {
            for (double rate : settings.rates()) {
                String name = "e2e " + (long) rate;
                List<PhaseReport> phases = bench.endToEnd(
                        name,
                        LoadBench.workDir(workDir, "r" + (long) rate),
                        receiver,
                        TriggerLayout.oneEach(1),
                        bench.plan(rate, settings.phaseDuration()),
                        settings.payloadBytes(),
                        true);
                phases.forEach(draft::phase);
                Ratios.endToEnd(draft, name, phases.get(0), phases.get(1));
            }
        } finally {
            receiver.close();
        }
        return draft.finish();
    }
}
