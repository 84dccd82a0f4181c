package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;

/** A long run at a steady rate (10 minutes by default) that must end with missing = 0 at the subscriber. */
public final class Soak implements Scenario {
    @Override
    public String name() {
        return "soak";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(), "Steady load for a long time; nothing may go missing.", Clock.systemUTC())
                .parameter("rate", settings.fixedRate())
                .parameter("seconds", settings.soakDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        try {
            bench.endToEnd(
                            "soak",
                            LoadBench.workDir(workDir, "soak"),
                            receiver,
                            TriggerLayout.oneEach(1),
                            bench.plan(settings.fixedRate(), settings.soakDuration()),
                            settings.payloadBytes(),
                            false)
                    .forEach(draft::phase);
        } finally {
            receiver.close();
        }
        return draft.finish();
    }
}
