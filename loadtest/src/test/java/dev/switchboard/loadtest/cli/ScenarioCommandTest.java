package dev.switchboard.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.loadtest.scenario.ScenarioSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The trigger options of {@code scenario}: fan-out's counts and matches per event, isolation's triggers. */
class ScenarioCommandTest {
    private static ScenarioSettings parse(String... args) {
        ScenarioCommand command = new ScenarioCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void takesTheIssue12TriggerOptions() {
        ScenarioSettings.Triggers triggers = parse(
                        "fan-out", "--trigger-counts", "10,100,1000", "--matches-per-event", "10", "--triggers", "200")
                .triggers();

        assertThat(triggers.fanOutCounts()).containsExactly(10, 100, 1000);
        assertThat(triggers.matchesPerEvent()).isEqualTo(10);
        assertThat(triggers.isolation()).isEqualTo(200);
    }

    @Test
    void keepsTheDefaultsWithoutThem() {
        assertThat(parse("isolation").triggers()).isEqualTo(new ScenarioSettings.Triggers(List.of(1, 10, 100), 1, 4));
    }

    @Test
    void refusesATriggerCountThatIsNotAMultipleOfTheMatches() {
        assertThatThrownBy(() -> parse("fan-out", "--trigger-counts", "1,100", "--matches-per-event", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of the 10");
    }
}
