package dev.switchboard.loadtest.cli;

import dev.switchboard.loadtest.load.ContentMode;
import dev.switchboard.loadtest.load.IngressConnections;
import dev.switchboard.loadtest.scenario.Scenario;
import dev.switchboard.loadtest.scenario.ScenarioRunner;
import dev.switchboard.loadtest.scenario.ScenarioSettings;
import dev.switchboard.loadtest.scenario.SwitchboardLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scenario NAME|all}: runs whole scenarios against the Switchboard jar and writes their reports. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        description = "Run a scenario: ingress-saturation, raw-baseline, end-to-end, fan-out, isolation, "
                + "payload-sizes, soak, or all (these seven); chaos (the chaos soak) and hot-path (Switchboard's own cost"
                + " per event against a Kafka process of its own), see docs/benchmarks.md.")
final class ScenarioCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "scenario name or 'all'")
    String name;

    @Option(names = "--jar", defaultValue = "broker/target/switchboard.jar")
    Path jar;

    @Option(names = "--output", defaultValue = "target/loadtest")
    Path output;

    @Option(names = "--smoke", description = "seconds-long version (as the build runs)")
    boolean smoke;

    @Option(names = "--mode", description = "BINARY, STRUCTURED or BATCH")
    ContentMode mode;

    @Option(names = "--batch-size", defaultValue = "10")
    int batchSize;

    @Option(names = "--rate", description = "fixed rate of fan-out, isolation, payload-sizes, soak")
    Double rate;

    @Option(
            names = "--rates",
            split = ",",
            description = "the fixed rates of end-to-end and hot-path, one phase each (default 1000,5000,10000)")
    List<Double> rates;

    @Option(names = "--warmup", description = "unrecorded load before each measured one (ISO-8601)")
    Duration warmup;

    @Option(
            names = "--warmup-rate",
            description = "events per second of the warm-up (default: the rate of the load it precedes)")
    Double warmupRate;

    @Option(names = "--phase", description = "phase length (ISO-8601)")
    Duration phase;

    @Option(names = "--step", description = "ramp step length (ISO-8601)")
    Duration step;

    @Option(names = "--ramp-start")
    Double rampStart;

    @Option(names = "--ramp-increment")
    Double rampIncrement;

    @Option(names = "--ramp-steps")
    Integer rampSteps;

    @Option(names = "--p99-target", description = "ISO-8601, e.g. PT0.05S")
    Duration p99Target;

    @Option(names = "--connections")
    Integer connections;

    @Option(names = "--http2", description = "send over HTTP/2 cleartext with prior knowledge (h2c)")
    boolean http2;

    @Option(names = "--soak", description = "soak length (ISO-8601)")
    Duration soak;

    @Option(
            names = "--trigger-counts",
            split = ",",
            description = "fan-out's trigger counts, one phase each, e.g. 1,100,1000 (default 1,10,100)")
    List<Integer> triggerCounts;

    @Option(
            names = "--matches-per-event",
            description = "fan-out: how many triggers each event matches (each trigger count a multiple of it)")
    Integer matchesPerEvent;

    @Option(names = "--triggers", description = "isolation's number of triggers, the last one going down (default 4)")
    Integer triggers;

    @Option(
            names = "--switchboard-jvm",
            split = ",",
            description = "JVM options of each Switchboard process started, comma-separated (default -Xmx1g; smoke"
                    + " -Xmx512m), e.g. --switchboard-jvm=-Xmx256m,-XX:+UseSerialGC")
    List<String> switchboardJvm;

    @Option(
            names = "--switchboard-env",
            description = "an environment variable of each Switchboard process started, repeatable, e.g."
                    + " --switchboard-env SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS=5 (docs/configuration.md)")
    Map<String, String> switchboardEnv;

    @Override
    public Integer call() throws Exception {
        ScenarioSettings settings = settings();
        List<Scenario> scenarios = "all".equals(name)
                ? ScenarioRunner.all()
                : List.of(ScenarioRunner.named(name, smoke)
                        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name)));
        boolean passed = true;
        for (Scenario scenario : scenarios) {
            ScenarioRunner.Written written = new ScenarioRunner().run(scenario, settings);
            System.out.println(scenario.name() + ": " + (written.report().passed() ? "checks held" : "CHECKS FAILED"));
            written.report().findings().forEach(finding -> System.out.println("  " + finding));
            written.report().ratios().forEach((key, value) -> System.out.println("  ratio " + key + " = " + value));
            System.out.println("  report: " + written.page().toAbsolutePath());
            passed &= written.report().passed();
        }
        return passed ? 0 : 1;
    }

    /** The full or smoke settings with the options given on the command line. */
    ScenarioSettings settings() {
        ScenarioSettings base = smoke ? ScenarioSettings.smoke(jar, output) : ScenarioSettings.full(jar, output);
        return new ScenarioSettings(
                base.jar(),
                base.output(),
                mode != null ? mode : base.mode(),
                mode == ContentMode.BATCH ? batchSize : base.batchSize(),
                new IngressConnections(
                        connections != null ? connections : base.connections().count(), http2),
                base.payloadBytes(),
                base.partitionKeys(),
                warmup != null ? warmup : base.warmup(),
                warmupRate != null ? warmupRate : base.warmupRate(),
                phase != null ? phase : base.phaseDuration(),
                step != null ? step : base.stepDuration(),
                p99Target != null ? p99Target.toNanos() / 1_000 : base.p99TargetMicros(),
                rampStart != null ? rampStart : base.rampStart(),
                rampIncrement != null ? rampIncrement : base.rampIncrement(),
                rampSteps != null ? rampSteps : base.rampSteps(),
                rates != null ? rates : base.rates(),
                new ScenarioSettings.Triggers(
                        triggerCounts != null ? triggerCounts : base.triggers().fanOutCounts(),
                        matchesPerEvent != null
                                ? matchesPerEvent
                                : base.triggers().matchesPerEvent(),
                        triggers != null ? triggers : base.triggers().isolation()),
                base.payloadSizes(),
                rate != null ? rate : base.fixedRate(),
                soak != null ? soak : base.soakDuration(),
                base.deliveryIdle(),
                base.deliveryMax(),
                new SwitchboardLaunch(
                        switchboardJvm != null
                                ? switchboardJvm
                                : base.switchboard().jvmOptions(),
                        switchboardEnv != null
                                ? switchboardEnv
                                : base.switchboard().environment()));
    }
}
