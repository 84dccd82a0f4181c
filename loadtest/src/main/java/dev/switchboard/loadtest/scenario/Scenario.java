package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;

/** One question answered by measurement: runs its phases on the bench and returns the report. */
public interface Scenario {
    /** The command name, e.g. {@code ingress-saturation}. */
    String name();

    /** Runs the scenario, with scratch files (Switchboard's data, trigger files) under {@code workDir}. */
    ScenarioReport run(LoadBench bench, Path workDir) throws Exception;
}
