package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The same rate with 1, 10, 100 triggers where each event matches exactly one (types cycle over the
 * triggers): how end-to-end latency and throughput change with the number of triggers.
 */
public final class FanOut implements Scenario {
    @Override
    public String name() {
        return "fan-out";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(), "End-to-end latency by number of triggers, each event matching one.", Clock.systemUTC())
                .parameter("triggerCounts", settings.triggerCounts())
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        Long first = null;
        try {
            for (int count : settings.triggerCounts()) {
                PhaseReport phase = bench.endToEnd(
                                count + " triggers",
                                LoadBench.workDir(workDir, "n" + count),
                                receiver,
                                count,
                                Set.of(),
                                bench.plan(settings.fixedRate(), settings.phaseDuration()),
                                settings.payloadBytes(),
                                false)
                        .get(0);
                draft.phase(phase);
                long p99 = phase.delivery().all().latency().p99();
                if (first == null) {
                    first = p99;
                } else if (first > 0) {
                    draft.ratio(
                            "end-to-end p99 " + count + " triggers / "
                                    + settings.triggerCounts().get(0),
                            (double) p99 / first);
                }
            }
        } finally {
            receiver.close();
        }
        return draft.finish();
    }
}
