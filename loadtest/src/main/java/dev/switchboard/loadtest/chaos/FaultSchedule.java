package dev.switchboard.loadtest.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects the faults, {@code plan.rounds()} times each. Two tracks: the subscriber outage (once per round, at its
 * start, {@code plan.subscriberOutage()} long) runs beside the others, which run one after the other so that no
 * two of them undo each other (a restart never meets a broken YAML file):
 *
 * <pre>
 *   round: kill -9 switchboard ─▶ broken YAML ─▶ kill -9 kafka node ─▶ trigger churn ─▶ proxy delay
 *          ─▶ proxy loss ─▶ sink outage          (each: inject, hold, repair, await repaired, pause)
 * </pre>
 */
final class FaultSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);
    private static final Duration REPAIR_BOUND = Duration.ofSeconds(120);
    private static final Duration PROXY_DELAY = Duration.ofMillis(300);
    private static final String BROKEN_FILE = "zz-broken.yaml";

    /**
     * A trigger added mid-run: when the ops API showed it Ready on every process, that is positioned by both
     * dispatchers (-1: not seen), and when it was removed (-1: never).
     */
    record Churn(ChaosTrigger trigger, long readyMillis, long removedMillis) {}

    private final ChaosRig rig;
    private final ChaosSender sender;
    private final ChaosPlan plan;
    private final ChaosTriggers triggers;
    private final LongSupplier millis;
    private final OpsProbe ops = new OpsProbe();
    private final List<FaultRecord> faults = new ArrayList<>();
    private final List<Churn> churns = new ArrayList<>();

    FaultSchedule(ChaosRig rig, ChaosSender sender, ChaosPlan plan, ChaosTriggers triggers, LongSupplier millis) {
        this.rig = rig;
        this.sender = sender;
        this.plan = plan;
        this.triggers = triggers;
        this.millis = millis;
    }

    /** Runs every round; returns once the last fault is repaired. */
    void run() throws Exception {
        for (int round = 0; round < plan.rounds(); round++) {
            final int r = round;
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> subscriberOutage(r));
            killSwitchboard(round % 2);
            brokenYaml();
            killKafka(round % 3 + 1);
            churn(round);
            proxyDelay();
            proxyLoss();
            sinkOutage();
            outage.get();
        }
    }

    synchronized List<FaultRecord> faults() {
        return List.copyOf(faults);
    }

    synchronized List<Churn> churns() {
        return List.copyOf(churns);
    }

    private synchronized void record(FaultKind kind, String target, long start, long healStart) {
        FaultRecord fault = new FaultRecord(kind, target, start, healStart, millis.getAsLong());
        faults.add(fault);
        LOG.info("fault {}", fault);
    }

    private void subscriberOutage(int round) {
        try {
            long start = millis.getAsLong();
            ChaosRig.await(rig.subscriber(ChaosTrigger.Subscriber.OUTAGE).goAway());
            Thread.sleep(plan.subscriberOutage().toMillis());
            long heal = millis.getAsLong();
            ChaosRig.await(rig.subscriber(ChaosTrigger.Subscriber.OUTAGE).comeBack());
            record(FaultKind.SUBSCRIBER_OUTAGE, "outage subscriber, round " + round, start, heal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killSwitchboard(int index) throws Exception {
        long start = millis.getAsLong();
        rig.killSwitchboard(index);
        sender.target(rig.ingresses());
        pauseFor(plan.hold());
        long heal = millis.getAsLong();
        rig.startSwitchboard(index);
        sender.target(rig.ingresses());
        record(FaultKind.SWITCHBOARD_KILL, "switchboard-" + index, start, heal);
        pauseFor(plan.pause());
    }

    private void brokenYaml() throws Exception {
        long start = millis.getAsLong();
        Path broken = rig.resources().resolve(BROKEN_FILE);
        Files.writeString(
                broken,
                "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: {name: broken\nspec: [\n",
                StandardCharsets.UTF_8);
        boolean rejected = OpsProbe.awaitAll(
                rig::opsApis, api -> ops.lastReload(api).equals(Optional.of("rejected")), REPAIR_BOUND);
        pauseFor(plan.hold());
        long heal = millis.getAsLong();
        Files.delete(broken);
        boolean applied = OpsProbe.awaitAll(
                rig::opsApis, api -> ops.lastReload(api).equals(Optional.of("applied")), REPAIR_BOUND);
        record(
                FaultKind.BROKEN_YAML,
                BROKEN_FILE + (rejected ? " rejected" : " NOT seen rejected") + (applied ? ", fixed" : ", NOT fixed"),
                start,
                heal);
        pauseFor(plan.pause());
    }

    private void killKafka(int nodeId) throws Exception {
        long start = millis.getAsLong();
        rig.kafka().kill(nodeId);
        pauseFor(plan.hold());
        long heal = millis.getAsLong();
        rig.kafka().restart(nodeId);
        record(FaultKind.KAFKA_KILL, "kafka-" + nodeId, start, heal);
        pauseFor(plan.pause());
    }

    private void churn(int round) throws Exception {
        long start = millis.getAsLong();
        ChaosTrigger added = triggers.churn(round);
        synchronized (this) {
            if (!churns.isEmpty()) {
                Churn last = churns.remove(churns.size() - 1);
                churns.add(new Churn(last.trigger(), last.readyMillis(), start));
            }
        }
        List<ChaosTrigger> live = new ArrayList<>(triggers.base());
        live.add(added);
        rig.writeTriggers(live);
        // Ready in the ops API means this process's dispatcher has positioned the trigger (docs/operations.md,
        // NotDispatchingYet before), so Ready on both processes is when the trigger starts to owe events
        boolean ready = OpsProbe.awaitAll(rig::opsApis, api -> ops.triggerReady(api, added.name()), REPAIR_BOUND);
        long readyAt = millis.getAsLong();
        synchronized (this) {
            churns.add(new Churn(added, ready ? readyAt : -1, -1));
        }
        record(
                FaultKind.TRIGGER_CHURN,
                String.format(
                        "added %s: Ready (positioned) on both processes after %s",
                        added.name(), ready ? String.format("%.1f s", (readyAt - start) / 1000.0) : "(not seen)"),
                start,
                start);
        pauseFor(plan.pause());
    }

    private void proxyDelay() throws InterruptedException {
        long start = millis.getAsLong();
        rig.proxies().forEach(proxy -> proxy.delay(PROXY_DELAY));
        pauseFor(plan.hold());
        long heal = millis.getAsLong();
        rig.proxies().forEach(proxy -> proxy.delay(Duration.ZERO));
        record(FaultKind.PROXY_DELAY, PROXY_DELAY.toMillis() + " ms on every Kafka connection", start, heal);
        pauseFor(plan.pause());
    }

    private void proxyLoss() throws InterruptedException {
        long start = millis.getAsLong();
        rig.proxies().forEach(FaultyProxy::cut);
        pauseFor(plan.hold().dividedBy(2));
        long heal = millis.getAsLong();
        rig.proxies().forEach(FaultyProxy::mend);
        record(FaultKind.PROXY_LOSS, "every Kafka connection dropped, new ones refused", start, heal);
        pauseFor(plan.pause());
    }

    private void sinkOutage() throws InterruptedException {
        long start = millis.getAsLong();
        ChaosRig.await(rig.sink().goAway());
        pauseFor(plan.hold());
        long heal = millis.getAsLong();
        ChaosRig.await(rig.sink().comeBack());
        record(FaultKind.SINK_OUTAGE, "dead-letter sink", start, heal);
        pauseFor(plan.pause());
    }

    private static void pauseFor(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
