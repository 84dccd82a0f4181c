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
 * docs/delivery.md, "one slow, failing or dead subscriber must not slow the delivery to other triggers": the settings'
 * number of triggers (4 by default, 200 for the shared reader), first all subscribers up, then the same load
 * with the last trigger's subscriber down (nothing listening); the other triggers' latency and throughput
 * are compared between the two phases, both as their worst route's p99 and as the p99 of all their
 * deliveries together (with all up every trigger takes the same path, so all deliveries stand for the
 * others'; with one down only the others' arrive).
 */
public final class Isolation implements Scenario {
    @Override
    public String name() {
        return "isolation";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        int triggers = settings.triggers().isolation();
        int down = triggers - 1;
        ReportDraft draft = new ReportDraft(
                        name(), "Other triggers' delivery while one subscriber is down.", Clock.systemUTC())
                .parameter("triggers", triggers)
                .parameter("downTrigger", "t" + down)
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        try {
            PhaseReport allUp =
                    run(bench, workDir, receiver, "all subscribers up", new TriggerLayout(triggers, 1, Set.of()));
            PhaseReport oneDown =
                    run(bench, workDir, receiver, "t" + down + " down", new TriggerLayout(triggers, 1, Set.of(down)));
            draft.phase(allUp).phase(oneDown);
            long upP99 = worstOthersP99(allUp, down);
            long downP99 = worstOthersP99(oneDown, down);
            if (upP99 > 0) {
                draft.ratio("others' end-to-end p99, one down / all up", (double) downP99 / upP99);
            }
            long upAll = allUp.delivery().all().latency().p99();
            long downAll = oneDown.delivery().all().latency().p99();
            if (upAll > 0) {
                draft.ratio(
                        "others' end-to-end p99 over all their deliveries, one down / all up",
                        (double) downAll / upAll);
            }
            draft.finding(String.format(
                    "t0..t%d end-to-end p99 of the worst route: %.1f ms with all up, %.1f ms with t%d down",
                    down - 1, upP99 / 1000.0, downP99 / 1000.0, down));
            draft.finding(String.format(
                    "t0..t%d end-to-end p99 over all their deliveries: %.1f ms with all up, %.1f ms with t%d down",
                    down - 1, upAll / 1000.0, downAll / 1000.0, down));
        } finally {
            receiver.close();
        }
        return draft.finish();
    }

    private PhaseReport run(LoadBench bench, Path workDir, Receiver receiver, String name, TriggerLayout layout)
            throws Exception {
        ScenarioSettings settings = bench.settings();
        return bench.endToEnd(
                        name,
                        LoadBench.workDir(workDir, layout.down().isEmpty() ? "up" : "down"),
                        receiver,
                        layout,
                        bench.plan(settings.fixedRate(), settings.phaseDuration()),
                        settings.payloadBytes(),
                        false)
                .get(0);
    }

    /** The worst p99 among the routes of triggers {@code t0..t(down-1)}, which were never down. */
    static long worstOthersP99(PhaseReport phase, int down) {
        long worst = 0;
        for (int i = 0; i < down; i++) {
            RouteReport route = phase.delivery().routes().get(TriggerLayout.route(i));
            if (route != null) {
                worst = Math.max(worst, route.latency().p99());
            }
        }
        return worst;
    }
}
