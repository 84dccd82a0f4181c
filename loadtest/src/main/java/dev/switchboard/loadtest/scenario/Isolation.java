package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.RouteReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * docs/delivery.md, "one slow, failing or dead subscriber must not slow the delivery to other triggers": four
 * triggers, first all subscribers up, then the same load with {@code t3}'s subscriber down (nothing
 * listening); the other three triggers' latency and throughput are compared between the two phases.
 */
public final class Isolation implements Scenario {
    static final int TRIGGERS = 4;
    static final int DOWN = 3;

    @Override
    public String name() {
        return "isolation";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ReportDraft draft = new ReportDraft(
                        name(), "Other triggers' delivery while one subscriber is down.", Clock.systemUTC())
                .parameter("triggers", TRIGGERS)
                .parameter("downTrigger", "t" + DOWN)
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        try {
            PhaseReport allUp = run(bench, workDir, receiver, "all subscribers up", Set.of());
            PhaseReport oneDown = run(bench, workDir, receiver, "t" + DOWN + " down", Set.of(DOWN));
            draft.phase(allUp).phase(oneDown);
            long upP99 = othersP99(allUp);
            long downP99 = othersP99(oneDown);
            if (upP99 > 0) {
                draft.ratio("others' end-to-end p99, one down / all up", (double) downP99 / upP99);
            }
            draft.finding(String.format(
                    "t0..t%d end-to-end p99: %.1f ms with all up, %.1f ms with t%d down",
                    DOWN - 1, upP99 / 1000.0, downP99 / 1000.0, DOWN));
        } finally {
            receiver.close();
        }
        return draft.finish();
    }

    private PhaseReport run(LoadBench bench, Path workDir, Receiver receiver, String name, Set<Integer> down)
            throws Exception {
        ScenarioSettings settings = bench.settings();
        return bench.endToEnd(
                        name,
                        LoadBench.workDir(workDir, down.isEmpty() ? "up" : "down"),
                        receiver,
                        TRIGGERS,
                        down,
                        bench.plan(settings.fixedRate(), settings.phaseDuration()),
                        settings.payloadBytes(),
                        false)
                .get(0);
    }

    /** The worst p99 among the triggers that were never down. */
    static long othersP99(PhaseReport phase) {
        long worst = 0;
        for (int i = 0; i < DOWN; i++) {
            RouteReport route = phase.delivery().routes().get("/t" + i);
            if (route != null) {
                worst = Math.max(worst, route.latency().p99());
            }
        }
        return worst;
    }
}
