package dev.switchboard.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.loadtest.scenario.ScenarioSettings;
import dev.switchboard.loadtest.scenario.SwitchboardLaunch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options of {@code scenario}: fan-out's counts and matches per event, isolation's triggers, and how each
 * Switchboard process is launched.
 */
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

    @Test
    void launchesSwitchboardWithTheJvmOptionsAndEnvironmentGiven() {
        SwitchboardLaunch launch = parse(
                        "hot-path",
                        "--switchboard-jvm=-Xmx256m,-XX:+UseSerialGC",
                        "--switchboard-env",
                        "SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS=5")
                .switchboard();

        assertThat(launch.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(launch.environment()).isEqualTo(Map.of("SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS", "5"));
        assertThat(parse("hot-path").switchboard()).isEqualTo(SwitchboardLaunch.jvm("-Xmx1g"));
    }
}
