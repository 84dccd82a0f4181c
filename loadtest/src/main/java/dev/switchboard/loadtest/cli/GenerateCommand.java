package dev.switchboard.loadtest.cli;

import dev.switchboard.loadtest.load.ContentMode;
import dev.switchboard.loadtest.load.EventShape;
import dev.switchboard.loadtest.load.HttpIngressSink;
import dev.switchboard.loadtest.load.IngressConnections;
import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.load.LoadPlan;
import dev.switchboard.loadtest.load.LoadResult;
import dev.switchboard.loadtest.load.OpenLoopRun;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.report.Machine;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ReportWriter;
import dev.switchboard.loadtest.report.ScenarioReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Load at a fixed rate (or a step ramp) against any Switchboard ingress URL, with a report and a ledger. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Send events at a fixed rate (open model).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--to", defaultValue = "http://127.0.0.1:8080/default/default", description = "ingress URL")
    URI target;

    @Option(names = "--rate", defaultValue = "1000", description = "events per second (ramp: first step)")
    double rate;

    @Option(names = "--duration", defaultValue = "PT30S", description = "ISO-8601 (ramp: per step)")
    Duration duration;

    @Option(names = "--mode", defaultValue = "BINARY", description = "BINARY, STRUCTURED or BATCH")
    ContentMode mode;

    @Option(names = "--batch-size", defaultValue = "10", description = "events per request in BATCH mode")
    int batchSize;

    @Option(names = "--connections", defaultValue = "64")
    int connections;

    @Option(names = "--http2", description = "send over HTTP/2 cleartext with prior knowledge (h2c)")
    boolean http2;

    @Option(names = "--payload-bytes", defaultValue = "1024")
    int payloadBytes;

    @Option(names = "--types", split = ",", defaultValue = "loadtest.t0", description = "event types, used in turn")
    List<String> types;

    @Option(names = "--partition-keys", defaultValue = "0", description = "distinct partitionkey values, 0 = none")
    int partitionKeys;

    @Option(names = "--max-outstanding", defaultValue = "20000")
    int maxOutstanding;

    @Option(names = "--ramp-steps", defaultValue = "0", description = "> 0: step ramp of this many steps")
    int rampSteps;

    @Option(names = "--ramp-increment", defaultValue = "1000", description = "events per second added per step")
    double rampIncrement;

    @Option(names = "--p99-target", defaultValue = "PT0.05S", description = "ramp stops when p99 exceeds this")
    Duration p99Target;

    @Option(names = "--run-id", description = "id prefix (default: random)")
    String runId;

    @Option(names = "--ledger", description = "write the accepted ids here ('id type' lines)")
    Path ledgerFile;

    @Option(names = "--report", defaultValue = "target/loadtest/generate", description = "report folder")
    Path reportFolder;

    @Override
    public Integer call() throws Exception {
        String run = runId != null ? runId : "gen-" + Long.toString(System.currentTimeMillis(), 36);
        Ledger ledger = new Ledger();
        Vertx vertx = Vertx.vertx();
        IngressConnections ingress = new IngressConnections(connections, http2);
        HttpIngressSink sink = new HttpIngressSink(vertx, target, mode, ingress, Duration.ofSeconds(30));
        int batch = mode == ContentMode.BATCH ? batchSize : 1;
        LoadPlan base = new LoadPlan(rate, duration, batch, maxOutstanding, Duration.ofSeconds(30));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("target", target.toString());
        parameters.put("mode", mode.name());
        parameters.put("connections", ingress.toString());
        parameters.put("payloadBytes", payloadBytes);
        List<PhaseReport> phases = new ArrayList<>();
        List<RampReport> ramps = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        try {
            if (rampSteps > 0) {
                StepRamp ramp = new StepRamp(rate, rampIncrement, rampSteps, p99Target.toNanos() / 1_000);
                StepRamp.Outcome outcome = ramp.run((index, stepRate) -> new OpenLoopRun(
                                        vertx,
                                        sink,
                                        base.withRate(stepRate),
                                        new EventShape(run + "-s" + index, types, partitionKeys, payloadBytes),
                                        ledger,
                                        Clock.systemUTC(),
                                        System::nanoTime)
                                .start())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(24, TimeUnit.HOURS);
                ramps.add(RampReport.of("ingress", "switchboard", ramp, outcome));
                findings.add("max sustainable " + (long) outcome.maxSustainableRate() + " ev/s; stopped "
                        + outcome.stoppedBecause());
            } else {
                Future<LoadResult> result = new OpenLoopRun(
                                vertx,
                                sink,
                                base,
                                new EventShape(run, types, partitionKeys, payloadBytes),
                                ledger,
                                Clock.systemUTC(),
                                System::nanoTime)
                        .start();
                LoadResult load =
                        result.toCompletionStage().toCompletableFuture().get(24, TimeUnit.HOURS);
                phases.add(new PhaseReport("fixed rate", "switchboard", load, null, null, null));
                findings.add(String.format(
                        "offered %d, accepted %d, failed %d %s; p99 %.1f ms",
                        load.offered(),
                        load.accepted(),
                        load.failed(),
                        load.errors(),
                        load.latency().p99() / 1000.0));
            }
        } finally {
            sink.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (ledgerFile != null) {
            ledger.writeTo(ledgerFile);
        }
        ScenarioReport report = new ScenarioReport(
                "generate",
                "Load against " + target,
                Clock.systemUTC().instant().toString(),
                Machine.current(),
                parameters,
                phases,
                ramps,
                Map.of(),
                findings,
                true);
        Path page = new ReportWriter().write(report, reportFolder);
        findings.forEach(System.out::println);
        System.out.println(
                "ledger: " + ledger.size() + " accepted ids" + (ledgerFile == null ? "" : " in " + ledgerFile));
        System.out.println("report: " + page.toAbsolutePath());
        return 0;
    }
}
