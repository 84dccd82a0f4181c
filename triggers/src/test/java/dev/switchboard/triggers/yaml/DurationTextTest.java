package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT0.2S, 200", "PT30S, 30000", "PT5M, 300000", "P1D, 86400000", "P1DT1H, 90000000", "PT0S, 0"})
    void parsesIsoDurations(String text, long millis) {
        assertThat(DurationText.parse(text, problem -> {})).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "P1Y | years and months are not supported, use days or smaller",
                "P2M | years and months are not supported, use days or smaller",
                "P1Y2M3DT4H | years and months are not supported, use days or smaller",
                "P1W | weeks are not supported, use days or smaller",
                "-PT1S | a duration must not be negative",
                "5s | is not an ISO-8601 duration",
                "PT | is not an ISO-8601 duration",
                "1000 | is not an ISO-8601 duration"
            })
    void rejectsWithClearMessage(String text, String message) {
        List<String> problems = new ArrayList<>();

        Optional<Duration> parsed = DurationText.parse(text, problems::add);

        assertThat(parsed).isEmpty();
        assertThat(problems).singleElement().asString().contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT1M, 60000", "PT1.5S, 1500"})
    void monthsOnlyMatterBeforeTheTimePart(String text, long millis) {
        assertThat(DurationText.parse(text, problem -> {})).contains(Duration.ofMillis(millis));
    }
}
