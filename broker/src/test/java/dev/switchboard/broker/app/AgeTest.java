package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AGE column, written as kn and kubectl write it. */
class AgeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "PT0S, 0s",
        "PT45S, 45s",
        "PT119S, 119s",
        "PT2M, 2m",
        "PT3M, 3m",
        "PT3M20S, 3m20s",
        "PT9M59S, 9m59s",
        "PT10M30S, 10m",
        "PT2H59M, 179m",
        "PT3H, 3h",
        "PT2H, 120m",
        "PT7H5M, 7h5m",
        "PT8H30M, 8h",
        "PT47H, 47h",
        "PT48H, 2d",
        "P5D, 5d",
        "PT124H, 5d4h",
        "P8D, 8d",
        "P400D, 400d",
        "P730D, 2y",
        "P1000D, 2y270d",
        "P3000D, 8y",
        "PT-1S, 0s",
        "PT-5S, <invalid>"
    })
    void writesAnAgeAsKnDoes(Duration age, String text) {
        assertThat(Age.of(age)).isEqualTo(text);
    }

    @Test
    void countsFromAnRfc3339TimeAndIsEmptyWithoutOne() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        assertThat(Age.since("2026-11-27T12:00:00Z", now)).isEqualTo("5d");
        assertThat(Age.since("2026-12-02T11:58:00Z", now)).isEqualTo("2m");
        assertThat(Age.since("", now)).isEmpty();
        assertThat(Age.since("yesterday", now)).isEmpty();
    }
}
