package dev.switchboard.loadtest.chaos;

import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.report.Machine;
import dev.switchboard.loadtest.report.ScenarioReport;
import dev.switchboard.loadtest.report.Timeline;
import dev.switchboard.loadtest.scenario.LoadBench;
import dev.switchboard.loadtest.scenario.Scenario;
import dev.switchboard.loadtest.scenario.SwitchboardLaunch;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos soak (docs/benchmarks.md "Chaos soak"): load with a ledger through two Switchboard processes on a
 * three-node Kafka cluster while {@link FaultSchedule} injects every fault kind, then the per-trigger
 * reconciliation of {@link ChaosReconciliation}. Passes only when no trigger misses an event it owes and every
 * fault kind was injected the planned number of times.
 *
 * <pre>
 *   rig up ─▶ both Switchboards ─▶ load starts ─▶ quiet lead-in ─▶ fault rounds ─▶ load until minEvents
 *     ─▶ load stops ─▶ settle (until nothing is missing, or no progress for a minute, or settleMax)
 *     ─▶ accounts, timeline, report
 * </pre>
 */
public final class Chaos implements Scenario {
    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    private static final int PARTITION_KEYS = 32;
    private static final SwitchboardLaunch JVM = SwitchboardLaunch.jvm("-Xmx512m");
    private static final Duration NO_PROGRESS = Duration.ofSeconds(60);

    private final ChaosPlan plan;

    public Chaos(ChaosPlan plan) {
        this.plan = plan;
    }

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public ScenarioReport run(LoadBench bench, Path workDir) throws Exception {
        Clock clock = Clock.systemUTC();
        String startedAt = clock.instant().toString();
        Machine machine = Machine.current();
        long startNanos = System.nanoTime();
        LongSupplier millis = () -> (System.nanoTime() - startNanos) / 1_000_000;
        ChaosTriggers triggers = new ChaosTriggers(plan.triggers(), plan.types());
        Vertx vertx = Vertx.vertx();
        try (ChaosRig rig = ChaosRig.start(vertx, bench.settings().jar(), workDir, JVM, clock)) {
            rig.launch(triggers.base());
            LOG.info("chaos: both Switchboards ready after {} s", millis.getAsLong() / 1000);
            ChaosLedger ledger = new ChaosLedger();
            ChaosSender sender = new ChaosSender(
                    vertx, bench.runId("chaos"), triggers.eventTypes(), PARTITION_KEYS, plan.rate(), ledger, millis);
            try (ParkedTally parked = ParkedTally.start(rig.kafka().bootstrap())) {
                sender.target(rig.ingresses());
                sender.start();
                Thread.sleep(plan.pause().multipliedBy(3).toMillis());
                FaultSchedule schedule = new FaultSchedule(rig, sender, plan, triggers, millis);
                schedule.run();
                while (sender.sent() < plan.minEvents()) {
                    Thread.sleep(1_000);
                }
                Thread.sleep(plan.pause().toMillis());
                sender.stop();
                long loadEnd = millis.getAsLong();
                awaitAnswers(sender);
                List<ChaosReconciliation.Debtor> debtors = debtors(triggers, schedule.churns());
                List<TriggerAccount> accounts = settle(rig, debtors, ledger, parked);
                ChaosRig.await(sender.close());
                int seconds = (int) (millis.getAsLong() / 1000) + 1;
                Timeline timeline = new ChaosTimeline(seconds, sender.acceptedPerSecond(), books(rig), startNanos)
                        .build(schedule.faults());
                return report(startedAt, machine, sender, ledger, loadEnd, schedule, accounts, timeline, rig);
            }
        } finally {
            ChaosRig.await(vertx.close());
        }
    }

    private static void awaitAnswers(ChaosSender sender) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sender.outstanding() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /**
     * Base triggers owe from the start; the churn trigger still there at the end owes from the moment the ops API
     * showed it Ready on both processes (Ready means its dispatcher has positioned it; docs/operations.md).
     */
    private static List<ChaosReconciliation.Debtor> debtors(ChaosTriggers triggers, List<FaultSchedule.Churn> churns) {
        List<ChaosReconciliation.Debtor> debtors = new ArrayList<>();
        triggers.base().forEach(trigger -> debtors.add(new ChaosReconciliation.Debtor(trigger, 0)));
        for (FaultSchedule.Churn churn : churns) {
            if (churn.removedMillis() < 0) {
                long from = churn.readyMillis() < 0 ? Long.MAX_VALUE : churn.readyMillis();
                debtors.add(new ChaosReconciliation.Debtor(churn.trigger(), from));
            }
        }
        return debtors;
    }

    /** Reconciles until nothing is missing, no progress for a minute, or the plan's bound. */
    private List<TriggerAccount> settle(
            ChaosRig rig, List<ChaosReconciliation.Debtor> debtors, ChaosLedger ledger, ParkedTally parked)
            throws InterruptedException {
        long deadline = System.nanoTime() + plan.settleMax().toNanos();
        long lastMissing = Long.MAX_VALUE;
        long lastProgress = System.nanoTime();
        while (true) {
            List<TriggerAccount> accounts = accounts(rig, debtors, ledger, parked);
            long missing = accounts.stream().mapToLong(TriggerAccount::missing).sum();
            LOG.info("chaos: settling, {} owed events missing", missing);
            if (missing < lastMissing) {
                lastMissing = missing;
                lastProgress = System.nanoTime();
            }
            if (missing == 0
                    || System.nanoTime() > deadline
                    || System.nanoTime() - lastProgress > NO_PROGRESS.toNanos()) {
                return accounts;
            }
            Thread.sleep(2_000);
        }
    }

    private static List<TriggerAccount> accounts(
            ChaosRig rig, List<ChaosReconciliation.Debtor> debtors, ChaosLedger ledger, ParkedTally parked) {
        List<ReceiptBook> books = books(rig);
        return new ChaosReconciliation(books, rig.sink().book()).accounts(debtors, ledger, parked);
    }

    private static List<ReceiptBook> books(ChaosRig rig) {
        return rig.subscribers().stream().map(Receiver::book).toList();
    }

    private ScenarioReport report(
            String startedAt,
            Machine machine,
            ChaosSender sender,
            ChaosLedger ledger,
            long loadEndMillis,
            FaultSchedule schedule,
            List<TriggerAccount> accounts,
            Timeline timeline,
            ChaosRig rig) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("triggers", plan.triggers());
        parameters.put("eventTypes", plan.types());
        parameters.put("rate", plan.rate());
        parameters.put("minEvents", plan.minEvents());
        parameters.put("rounds", plan.rounds());
        parameters.put("holdSeconds", plan.hold().toSeconds());
        parameters.put("subscriberOutageSeconds", plan.subscriberOutage().toSeconds());
        long owed = accounts.stream().mapToLong(TriggerAccount::owed).sum();
        long delivered = accounts.stream().mapToLong(TriggerAccount::delivered).sum();
        long toSink = accounts.stream().mapToLong(TriggerAccount::toSink).sum();
        long parkedCount = accounts.stream().mapToLong(TriggerAccount::parked).sum();
        long missing = accounts.stream().mapToLong(TriggerAccount::missing).sum();
        long duplicates =
                accounts.stream().mapToLong(TriggerAccount::duplicates).sum();
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        schedule.faults().forEach(fault -> injected.merge(fault.kind(), 1, Integer::sum));
        boolean everyFault = java.util.Arrays.stream(FaultKind.values())
                .allMatch(kind -> injected.getOrDefault(kind, 0) >= plan.rounds());
        List<String> findings = new ArrayList<>();
        findings.add(String.format(
                "sent %,d, accepted %,d (failed or unanswered %,d) in %.0f s",
                sender.sent(), ledger.size(), sender.failed(), loadEndMillis / 1000.0));
        findings.add(String.format(
                "owed %,d deliveries over %d triggers: delivered %,d, to the dead-letter sink %,d, parked in the "
                        + "dead-letter topic %,d, missing %,d; duplicates %,d",
                owed, accounts.size(), delivered, toSink, parkedCount, missing, duplicates));
        findings.add("faults injected: " + injected);
        recoveryByKind(timeline).forEach((kind, text) -> findings.add(kind + ": " + text));
        accounts.stream()
                .filter(account -> account.missing() > 0)
                .forEach(account -> findings.add("MISSING " + account.trigger() + ": " + account.missing() + " of "
                        + account.owed() + ", e.g. " + account.someMissing()));
        if (!everyFault) {
            findings.add("NOT every fault kind was injected " + plan.rounds() + " times");
        }
        if (missing > 0) {
            findings.add("logs: " + rig.logs());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accepted", ledger.size());
        details.put("owed", owed);
        details.put("delivered", delivered);
        details.put("deadLetteredToSink", toSink);
        details.put("parkedInTopic", parkedCount);
        details.put("missing", missing);
        details.put("duplicates", duplicates);
        details.put("injected", injected);
        details.put(
                "churn",
                schedule.churns().stream()
                        .map(churn -> Map.of(
                                "trigger", churn.trigger().name(),
                                "readySeconds", churn.readyMillis() / 1000.0,
                                "removedSeconds", churn.removedMillis() / 1000.0))
                        .toList());
        details.put("triggers", accounts);
        return new ScenarioReport(
                name(),
                "Two Switchboard processes on a three-node Kafka cluster under load while processes and nodes are "
                        + "killed, subscribers and the dead-letter sink go away, the YAML breaks, triggers come and "
                        + "go and the Kafka links slow down and drop; every accepted event must be accounted for.",
                startedAt,
                machine,
                parameters,
                List.of(),
                List.of(),
                Map.of(),
                findings,
                missing == 0 && everyFault,
                timeline,
                details);
    }

    /** Per fault kind: recovery after repair and the longest delivery gap, worst of its injections. */
    static Map<String, String> recoveryByKind(Timeline timeline) {
        Map<String, String> byKind = new LinkedHashMap<>();
        Map<String, List<Timeline.FaultMark>> marks = new LinkedHashMap<>();
        timeline.faults().forEach(f -> marks.computeIfAbsent(f.kind(), k -> new ArrayList<>())
                .add(f));
        marks.forEach((kind, list) -> {
            double worstRecovery = list.stream()
                    .mapToDouble(Timeline.FaultMark::recoverySeconds)
                    .max()
                    .orElse(0);
            boolean unrecovered = list.stream().anyMatch(f -> f.recoverySeconds() < 0);
            long gap = list.stream()
                    .mapToLong(Timeline.FaultMark::longestDeliveryGapSeconds)
                    .max()
                    .orElse(0);
            double repair = list.stream()
                    .mapToDouble(f -> f.healed() - f.healStart())
                    .max()
                    .orElse(0);
            byKind.put(
                    kind,
                    String.format(
                            "%d times, repair took up to %.1f s, recovery after repair up to %s, longest delivery gap %d s",
                            list.size(),
                            repair,
                            unrecovered ? "(not within the run)" : String.format("%.1f s", worstRecovery),
                            gap));
        });
        return byKind;
    }
}
