package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenarios that need delivery to subscribers, seconds long, through the real jar: every accepted event
 * that matches a live trigger reaches the receiver (missing = 0). They run in every {@code verify}; skip them
 * with {@code -Dloadtest.e2e=false} when iterating on something else.
 */
@DisabledIfSystemProperty(named = "loadtest.e2e", matches = "false")
class EndToEndSmokeIT {
    @TempDir
    Path output;

    @ParameterizedTest
    @ValueSource(strings = {"end-to-end", "fan-out", "isolation", "payload-sizes", "soak"})
    void everyAcceptedEventReachesItsLiveSubscriber(String name) throws Exception {
        Scenario scenario = ScenarioRunner.named(name).orElseThrow();
        ScenarioRunner.Written written = new ScenarioRunner().run(scenario, SmokeSettings.in(output));

        ScenarioReport report = written.report();
        assertThat(report.phases()).isNotEmpty();
        for (PhaseReport phase : report.phases()) {
            assertThat(phase.load().accepted())
                    .as(phase.name())
                    .isEqualTo(phase.load().offered());
            assertThat(phase.delivery().reconciliation().missing())
                    .as("%s: %s", phase.name(), phase.delivery().waited().reason())
                    .isZero();
            if (phase.stored() != null) {
                assertThat(phase.stored().missing()).as(phase.name()).isZero();
            }
        }
        assertThat(report.passed()).isTrue();
        assertThat(written.page()).isRegularFile();
    }
}
