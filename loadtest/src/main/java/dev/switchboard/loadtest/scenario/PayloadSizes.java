package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** End-to-end latency with 1 KiB and 64 KiB events, each against raw Kafka with the same payload. */
public final class PayloadSizes implements Scenario {
    @Override
    public String name() {
        return "payload-sizes";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(), "Latency by payload size, Switchboard against raw Kafka.", Clock.systemUTC())
                .parameter("payloadSizes", settings.payloadSizes())
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        try {
            for (int size : settings.payloadSizes()) {
                String name = size + " B";
                List<PhaseReport> phases = bench.endToEnd(
                        name,
                        LoadBench.workDir(workDir, "b" + size),
                        receiver,
                        TriggerLayout.oneEach(1),
                        bench.plan(settings.fixedRate(), settings.phaseDuration()),
                        size,
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
