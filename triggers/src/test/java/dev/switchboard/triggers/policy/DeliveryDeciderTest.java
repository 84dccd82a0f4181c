package dev.switchboard.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryDeciderTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final DeliveryDecider decider = new DeliveryDecider(
            new StatusClassifier(), new JitteredBackoff(Jitter.fixed(1.0)), new RetryAfterParser(NOW));

    private final DeliveryPolicy policy = DeliveryPolicy.defaults(); // retry 10, exponential PT0.2S

    static Stream<Arguments> firstAttempt() {
        var retry = new Verdict.Retry(Duration.ofMillis(200));
        return Stream.of(
                Arguments.of(AttemptResult.Status.of(200), new Verdict.Delivered()),
                Arguments.of(AttemptResult.Status.of(202), new Verdict.Delivered()),
                Arguments.of(AttemptResult.Status.of(204), new Verdict.Delivered()),
                Arguments.of(AttemptResult.Status.of(404), retry),
                Arguments.of(AttemptResult.Status.of(408), retry),
                Arguments.of(AttemptResult.Status.of(409), retry),
                Arguments.of(AttemptResult.Status.of(429), retry),
                Arguments.of(AttemptResult.Status.of(500), retry),
                Arguments.of(AttemptResult.Status.of(503), retry),
                Arguments.of(new AttemptResult.TransportError("connection refused"), retry),
                Arguments.of(new AttemptResult.Timeout(), retry),
                Arguments.of(
                        AttemptResult.Status.of(400),
                        new Verdict.GiveUp("status 400 is not retryable", OptionalInt.of(400))),
                Arguments.of(
                        AttemptResult.Status.of(410),
                        new Verdict.GiveUp("status 410 is not retryable", OptionalInt.of(410))),
                Arguments.of(
                        AttemptResult.Status.of(302),
                        new Verdict.GiveUp("status 302 is not retryable", OptionalInt.of(302))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("firstAttempt")
    void decidesTheFirstAttemptByOutcome(AttemptResult result, Verdict expected) {
        assertThat(decider.decide(policy, 1, result)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "retry: {0}")
    @ValueSource(ints = {0, 1, 3, 10})
    void makesExactlyOnePlusRetryAttempts(int retry) {
        DeliveryPolicy withRetry = withRetry(retry);
        var waits = new ArrayList<Duration>();
        int attempt = 1;
        Verdict verdict;
        while ((verdict = decider.decide(withRetry, attempt, AttemptResult.Status.of(503)))
                instanceof Verdict.Retry r) {
            waits.add(r.after());
            attempt++;
        }

        assertThat(attempt).isEqualTo(1 + retry);
        assertThat(waits).hasSize(retry);
        assertThat(verdict).isInstanceOf(Verdict.GiveUp.class);
        assertThat(((Verdict.GiveUp) verdict).status()).hasValue(503);
    }

    @Test
    void waitsGrowExponentiallyBetweenAttempts() {
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            waits.add(((Verdict.Retry) decider.decide(policy, attempt, new AttemptResult.Timeout())).after());
        }

        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(800),
                        Duration.ofMillis(1600));
    }

    @Test
    void givesUpAfterTheLastTransportErrorWithoutAStatus() {
        Verdict verdict = decider.decide(withRetry(2), 3, new AttemptResult.TransportError("connection reset"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.GiveUp.class, giveUp -> {
            assertThat(giveUp.status()).isEmpty();
            assertThat(giveUp.reason()).contains("connection reset").contains("3 attempt");
        });
    }

    @Test
    void givesUpAfterTheLastTimeoutWithoutAStatus() {
        assertThat(decider.decide(withRetry(0), 1, new AttemptResult.Timeout()))
                .isInstanceOfSatisfying(Verdict.GiveUp.class, giveUp -> assertThat(giveUp.status())
                        .isEmpty());
    }

    @Test
    void aNonRetryableStatusGivesUpEvenWithRetriesLeft() {
        assertThat(decider.decide(withRetry(10), 1, AttemptResult.Status.of(401)))
                .isEqualTo(new Verdict.GiveUp("status 401 is not retryable", OptionalInt.of(401)));
    }

    @ParameterizedTest(name = "{0} Retry-After ''{1}'' at attempt {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // backoff at attempt 1 is 0.2 s, at attempt 5 it is 3.2 s; retryAfterMax is 5 min
                "429 | 10 | 1 | PT10S", // longer than the backoff: honoured
                "503 | 10 | 1 | PT10S",
                "503 | 1 | 5 | PT3.2S", // shorter than the backoff: the backoff stands
                "429 | 0 | 1 | PT0.2S",
                "503 | 3600 | 1 | PT5M", // capped by retryAfterMax
                "429 | Sun, 01 Jun 2025 12:00:30 GMT | 1 | PT30S", // HTTP-date
                "429 | Sun, 01 Jun 2025 11:00:00 GMT | 1 | PT0.2S", // date in the past: 0, so the backoff
                "503 | Sunday, 01-Jun-25 12:01:00 GMT | 1 | PT1M",
                "503 | Sun Jun  1 12:02:00 2025 | 1 | PT2M",
                "429 | later | 1 | PT0.2S", // garbage ignored
                "500 | 10 | 1 | PT0.2S", // only 429 and 503 are honoured
                "502 | 10 | 1 | PT0.2S",
                "404 | 10 | 1 | PT0.2S",
            })
    void honoursRetryAfterOnlyOn429And503(int status, String retryAfter, int attempt, Duration expected) {
        var result = new AttemptResult.Status(status, Optional.of(retryAfter));

        assertThat(decider.decide(policy, attempt, result)).isEqualTo(new Verdict.Retry(expected));
    }

    @Test
    void retryAfterNeverExtendsTheNumberOfAttempts() {
        var result = new AttemptResult.Status(429, Optional.of("10"));

        assertThat(decider.decide(withRetry(1), 2, result)).isInstanceOf(Verdict.GiveUp.class);
    }

    @Test
    void appliesJitterToTheBackoff() {
        var jittered = new DeliveryDecider(
                new StatusClassifier(), new JitteredBackoff(Jitter.fixed(0.8)), new RetryAfterParser(NOW));

        assertThat(jittered.decide(policy, 2, AttemptResult.Status.of(500)))
                .isEqualTo(new Verdict.Retry(Duration.ofMillis(320)));
    }

    private static DeliveryPolicy withRetry(int retry) {
        return new DeliveryPolicy(
                retry,
                BackoffPolicy.EXPONENTIAL,
                Duration.ofMillis(200),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                DeliveryFormat.BINARY,
                Optional.empty());
    }
}
