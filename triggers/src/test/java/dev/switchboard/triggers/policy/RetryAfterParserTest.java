package dev.switchboard.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterParserTest {

    /** Sunday 2025-06-01 12:00:00 UTC. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final RetryAfterParser parser = new RetryAfterParser(NOW);

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "120 | PT2M",
                "0 | PT0S",
                "' 7 ' | PT7S",
                "007 | PT7S",
                // IMF-fixdate
                "Sun, 01 Jun 2025 12:01:30 GMT | PT1M30S",
                "Mon, 02 Jun 2025 12:00:00 GMT | PT24H",
                // obsolete RFC 850, two-digit year
                "Sunday, 01-Jun-25 12:00:10 GMT | PT10S",
                // asctime, one-digit day padded with a space, and two digits
                "Sun Jun  1 12:00:05 2025 | PT5S",
                "Tue Jun 10 12:00:00 2025 | PT216H",
                // leap second
                "Sun, 01 Jun 2025 12:00:60 GMT | PT1M",
            })
    void readsBothForms(String header, Duration expected) {
        assertThat(parser.parse(header)).contains(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "Sun, 06 Nov 1994 08:49:37 GMT",
                "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994",
                "Sun, 01 Jun 2025 11:59:59 GMT",
            })
    void aDateInThePastMeansNow(String header) {
        assertThat(parser.parse(header)).contains(Duration.ZERO);
    }

    @Test
    void readsATwoDigitYearMoreThanFiftyYearsAheadAsThePast() {
        // 2025 + 50 = 2075: "75" is 2075 (future), "76" is 1976 (past)
        assertThat(parser.parse("Friday, 01-Jan-75 00:00:00 GMT")).hasValueSatisfying(wait -> assertThat(wait)
                .isEqualTo(Duration.between(
                        Instant.parse("2025-06-01T12:00:00Z"), Instant.parse("2075-01-01T00:00:00Z"))));
        assertThat(parser.parse("Thursday, 01-Jan-76 00:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void saturatesAnAbsurdDelay() {
        assertThat(parser.parse("99999999999999999999999")).contains(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "",
                "   ",
                "-5",
                "+5",
                "1.5",
                "5s",
                "soon",
                "0x10",
                "Sun, 01 Jun 2025 12:01:30 PST",
                "Sun, 01 Jun 2025 12:01:30 +0000",
                "Sun, 1 Jun 2025 12:01:30 GMT",
                "Sun, 01 jun 2025 12:01:30 GMT",
                "sun, 01 Jun 2025 12:01:30 GMT",
                "01 Jun 2025 12:01:30 GMT",
                "Sun, 31 Feb 2025 12:00:00 GMT",
                "Sun, 01 Jun 2025 25:00:00 GMT",
                "Sun, 01 Jun 2025 12:61:00 GMT",
                "Sun, 01-Jun-25 12:00:10 GMT",
                "Sunday, 01-Jun-2025 12:00:10 GMT",
                "Sun Jun 1 12:00:05 2025",
                "2025-06-01T12:01:00Z",
            })
    void ignoresGarbage(String header) {
        assertThat(parser.parse(header)).isEmpty();
    }

    @Test
    void ignoresAnAbsentHeader() {
        assertThat(parser.parse(null)).isEqualTo(Optional.empty());
    }
}
