package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.report.PhaseReport;

/** The Switchboard / raw-Kafka ratios a pair of phases at the same rate gives. */
final class Ratios {
    private Ratios() {}

    static void endToEnd(ReportDraft draft, String name, PhaseReport switchboard, PhaseReport raw) {
        draft.ratio(
                name + " accepted rate",
                switchboard.load().achievedRate() / raw.load().achievedRate());
        draft.ratio(
                name + " answer p99 (202 vs ack)",
                (double) switchboard.load().latency().p99()
                        / raw.load().latency().p99());
        long rawP99 = raw.delivery().all().latency().p99();
        long switchboardP99 = switchboard.delivery().all().latency().p99();
        if (switchboard.delivery().all().latency().count() > 0 && rawP99 > 0) {
            draft.ratio(name + " end-to-end p99 (delivered vs consumed)", (double) switchboardP99 / rawP99);
        }
        draft.finding(String.format(
                "%s: answer p99 %.1f ms (raw ack %.1f ms); end-to-end p99 %.1f ms (raw consume %.1f ms)",
                name,
                switchboard.load().latency().p99() / 1000.0,
                raw.load().latency().p99() / 1000.0,
                switchboardP99 / 1000.0,
                rawP99 / 1000.0));
    }
}
