package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ProcessReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The same rate with each of the settings' trigger counts (1, 10, 100 by default; 1, 100, 1,000 for the
 * shared reader), each event matching exactly {@code matchesPerEvent} triggers (see {@link TriggerLayout}):
 * how end-to-end latency, throughput and the Switchboard process's CPU per event, threads and memory change
 * with the number of triggers, as ratios to the first count's phase of the same run.
 */
public final class FanOut implements Scenario {
    @Override
    public String name() {
        return "fan-out";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        ScenarioSettings settings = bench.settings();
        ScenarioSettings.Triggers triggers = settings.triggers();
        int matches = triggers.matchesPerEvent();
        ReportDraft draft = new ReportDraft(
                        name(),
                        "End-to-end latency and process cost by number of triggers, each event matching " + matches
                                + ".",
                        Clock.systemUTC())
                .parameter("triggerCounts", triggers.fanOutCounts())
                .parameter("matchesPerEvent", matches)
                .parameter("rate", settings.fixedRate())
                .parameter("phaseSeconds", settings.phaseDuration().toSeconds());
        Receiver receiver = bench.receiver(ReceiverBehaviour.PROMPT);
        PhaseReport first = null;
        try {
            for (int count : triggers.fanOutCounts()) {
                PhaseReport phase = bench.endToEnd(
                                count + " triggers" + (matches > 1 ? ", " + matches + " per event" : ""),
                                LoadBench.workDir(workDir, "n" + count),
                                receiver,
                                new TriggerLayout(count, matches, Set.of()),
                                bench.plan(settings.fixedRate(), settings.phaseDuration()),
                                settings.payloadBytes(),
                                false)
                        .get(0);
                draft.phase(phase).finding(summary(phase, matches));
                ratios(draft, count, phase, matches);
                if (first == null) {
                    first = phase;
                } else {
                    againstFirst(
                            draft,
                            count + " triggers / " + triggers.fanOutCounts().get(0),
                            phase,
                            first);
                }
            }
        } finally {
            receiver.close();
        }
        return draft.finish();
    }

    private static void ratios(ReportDraft draft, int count, PhaseReport phase, int matches) {
        String of = count + " triggers";
        if (phase.load().offered() > 0) {
            draft.ratio(
                    "accepted / offered, " + of,
                    (double) phase.load().accepted() / phase.load().offered());
        }
        if (matches > 1 && phase.load().achievedRate() > 0) {
            draft.ratio(
                    "delivered rate / accepted rate, " + of + " (" + matches + " expected)",
                    phase.delivery().deliveredPerSecond() / phase.load().achievedRate());
        }
    }

    private static void againstFirst(ReportDraft draft, String of, PhaseReport phase, PhaseReport first) {
        long firstP99 = first.delivery().all().latency().p99();
        if (firstP99 > 0) {
            draft.ratio(
                    "end-to-end p99 " + of,
                    (double) phase.delivery().all().latency().p99() / firstP99);
        }
        if (phase.process() != null
                && first.process() != null
                && first.process().cpuSecondsPerEvent() > 0) {
            draft.ratio(
                    "process CPU per event " + of,
                    phase.process().cpuSecondsPerEvent() / first.process().cpuSecondsPerEvent());
        }
    }

    private static String summary(PhaseReport phase, int matches) {
        String line = String.format(
                "%s: accepted %d of %d offered; %.0f deliveries/s for %.0f accepted/s (%d per event expected);"
                        + " end-to-end p99 %.1f ms",
                phase.name(),
                phase.load().accepted(),
                phase.load().offered(),
                phase.delivery().deliveredPerSecond(),
                phase.load().achievedRate(),
                matches,
                phase.delivery().all().latency().p99() / 1000.0);
        ProcessReport process = phase.process();
        if (process == null) {
            return line;
        }
        return line
                + String.format(
                        "; Switchboard process %.2f CPU s (%.3f ms per event), %d threads, VmRSS %d MiB, VmHWM %d MiB",
                        process.cpuSeconds(),
                        process.cpuSecondsPerEvent() * 1000,
                        process.threads(),
                        process.vmRssKiB() / 1024,
                        process.vmHwmKiB() / 1024);
    }
}
