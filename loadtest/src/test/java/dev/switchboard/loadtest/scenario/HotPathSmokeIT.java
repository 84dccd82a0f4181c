package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.report.PhaseReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot-path scenario at build size: Switchboard against a Kafka node in its own JVM, one trigger. Every accepted
 * event reaches the receiver, and the Switchboard process reports its own CPU, allocation and GC per event (read
 * from its {@code /metrics}); the ramps ran, and what the receiver got during the ingress's ramp is reported. Skipped with {@code -Dloadtest.e2e=false}.
 */
@DisabledIfSystemProperty(named = "loadtest.e2e", matches = "false")
class HotPathSmokeIT {
    @TempDir
    Path output;

    @Test
    void measuresSwitchboardAloneAgainstAKafkaProcessAndLosesNothing() throws Exception {
        ScenarioRunner.Written written = new ScenarioRunner().run(new HotPath(), SmokeSettings.in(output));

        var report = written.report();
        assertThat(report.passed()).as("findings: %s", report.findings()).isTrue();
        PhaseReport switchboard = report.phases().stream()
                .filter(phase -> phase.target().equals("switchboard"))
                .findFirst()
                .orElseThrow();
        assertThat(switchboard.delivery().reconciliation().missing()).isZero();
        assertThat(switchboard.process()).isNotNull();
        assertThat(switchboard.process().cpuSecondsPerEvent()).isPositive();
        assertThat(switchboard.process().allocatedBytesPerEvent())
                .as("allocation read from the process's own /metrics")
                .isPositive();
        assertThat(report.ramps()).hasSize(2);
        assertThat(report.findings())
                .as("what the receiver got while the ingress was ramped: something delivered in some step")
                .anySatisfy(finding -> assertThat(finding)
                        .startsWith("deliveries during the ramp")
                        .containsPattern("\\d+ → [1-9]\\d*/s"));
        assertThat(written.page()).isRegularFile();
    }
}
