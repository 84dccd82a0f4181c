package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.measure.Reconciliation;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenarios that need delivery to subscribers, seconds long, through the real jar: every accepted event
 * that matches a live trigger reaches the receiver (missing = 0), also with each event matching several
 * triggers and with more triggers in isolation. They run in every {@code verify}; skip them with {@code
 * -Dloadtest.e2e=false} when iterating on something else.
 */
@DisabledIfSystemProperty(named = "loadtest.e2e", matches = "false")
class EndToEndSmokeIT {
    @TempDir
    Path output;

    @ParameterizedTest
    @ValueSource(strings = {"end-to-end", "fan-out", "isolation", "payload-sizes", "soak"})
    void everyAcceptedEventReachesItsLiveSubscriber(String name) throws Exception {
        Scenario scenario = ScenarioRunner.named(name, true).orElseThrow();
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

    @Test
    void fanOutWithTwoMatchesPerEventDeliversEveryEventToBothTriggersAndMeasuresTheProcess() throws Exception {
        ScenarioSettings settings =
                SmokeSettings.in(output).withTriggers(new ScenarioSettings.Triggers(List.of(2, 20), 2, 4));

        ScenarioReport report = new ScenarioRunner().run(new FanOut(), settings).report();

        assertThat(report.phases())
                .extracting(PhaseReport::name)
                .containsExactly("2 triggers, 2 per event", "20 triggers, 2 per event");
        for (PhaseReport phase : report.phases()) {
            Reconciliation delivered = phase.delivery().reconciliation();
            assertThat(phase.load().accepted())
                    .as(phase.name())
                    .isEqualTo(phase.load().offered());
            assertThat(delivered.expected())
                    .as("two per event")
                    .isEqualTo(2 * phase.load().accepted());
            assertThat(delivered.missing())
                    .as("%s: %s", phase.name(), phase.delivery().waited().reason())
                    .isZero();
            assertThat(delivered.unexpected())
                    .as("an event on a trigger it does not match")
                    .isZero();
            assertThat(phase.stored().missing()).as(phase.name()).isZero();
        }
        assertThat(report.phases().get(1).delivery().routes()).hasSize(20);
        if (Files.isDirectory(Path.of("/proc/self"))) {
            for (PhaseReport phase : report.phases()) {
                assertThat(phase.process()).as(phase.name()).isNotNull();
                assertThat(phase.process().events()).isEqualTo(phase.load().accepted());
                assertThat(phase.process().threads()).isPositive();
                assertThat(phase.process().vmHwmKiB())
                        .isGreaterThanOrEqualTo(phase.process().vmRssKiB())
                        .isPositive();
            }
            assertThat(report.ratios()).containsKey("process CPU per event 20 triggers / 2");
        }
        assertThat(report.ratios()).containsKeys("end-to-end p99 20 triggers / 2", "accepted / offered, 20 triggers");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void isolationWithEightTriggersTakesTheLastOneDownAndDeliversTheOthers() throws Exception {
        ScenarioSettings settings =
                SmokeSettings.in(output).withTriggers(new ScenarioSettings.Triggers(List.of(1), 1, 8));

        ScenarioReport report =
                new ScenarioRunner().run(new Isolation(), settings).report();

        assertThat(report.parameters()).containsEntry("triggers", 8).containsEntry("downTrigger", "t7");
        PhaseReport down = report.phases().get(1);
        assertThat(down.name()).isEqualTo("t7 down");
        assertThat(down.delivery().routes()).hasSize(7).doesNotContainKey("/t7");
        assertThat(down.delivery().reconciliation().expected())
                .isLessThan(down.load().accepted());
        for (PhaseReport phase : report.phases()) {
            assertThat(phase.delivery().reconciliation().missing())
                    .as("%s: %s", phase.name(), phase.delivery().waited().reason())
                    .isZero();
        }
        assertThat(report.ratios()).containsKey("others' end-to-end p99 over all their deliveries, one down / all up");
        assertThat(report.passed()).isTrue();
    }
}
