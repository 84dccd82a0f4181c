package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.chaos.Chaos;
import dev.switchboard.loadtest.chaos.ChaosPlan;
import dev.switchboard.loadtest.report.ReportWriter;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Runs a scenario by name on a fresh bench and writes its report under {@code output/<name>/}. */
public final class ScenarioRunner {
    /** Every scenario, in the order {@code scenario all} runs them. */
    public static List<Scenario> all() {
        return List.of(
                new IngressSaturation(),
                new RawBaseline(),
                new EndToEndLatency(),
                new FanOut(),
                new Isolation(),
                new PayloadSizes(),
                new Soak());
    }

    /**
     * The scenario called {@code name}: one of {@link #all}, or {@code chaos} (not part of {@code all}: it starts
     * its own Kafka cluster and runs for about fifteen minutes; {@code smoke} picks its build-sized plan), or {@code
     * hot-path} (not part of {@code all} either: it starts a Kafka process of its own to measure Switchboard alone).
     */
    public static Optional<Scenario> named(String name, boolean smoke) {
        if ("chaos".equals(name)) {
            return Optional.of(new Chaos(smoke ? ChaosPlan.smoke() : ChaosPlan.full()));
        }
        if ("hot-path".equals(name)) {
            return Optional.of(new HotPath());
        }
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The outcome: the report and where its HTML page is. */
    public record Written(ScenarioReport report, Path page) {}

    public Written run(Scenario scenario, ScenarioSettings settings) throws Exception {
        Path folder = settings.output().resolve(scenario.name());
        ScenarioReport report;
        try (LoadBench bench = new LoadBench(settings, Clock.systemUTC(), System::nanoTime)) {
            report = scenario.run(bench, LoadBench.workDir(folder, "run"));
        }
        Path page = new ReportWriter().write(report, folder);
        return new Written(report, page);
    }
}
