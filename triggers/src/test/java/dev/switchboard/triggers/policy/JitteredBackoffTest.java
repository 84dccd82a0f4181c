package dev.switchboard.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JitteredBackoffTest {

    @ParameterizedTest(name = "{0} n={1} factor={2} -> {3}")
    @CsvSource({
        // policy, n, factor, expected wait; delay PT0.2S, cap PT5M
        "EXPONENTIAL, 1, 1.0, PT0.2S",
        "EXPONENTIAL, 2, 1.0, PT0.4S",
        "EXPONENTIAL, 3, 1.0, PT0.8S",
        "EXPONENTIAL, 4, 1.0, PT1.6S",
        "EXPONENTIAL, 10, 1.0, PT102.4S",
        "EXPONENTIAL, 1, 0.8, PT0.16S",
        "EXPONENTIAL, 1, 1.2, PT0.24S",
        "EXPONENTIAL, 3, 0.8, PT0.64S",
        "EXPONENTIAL, 3, 1.2, PT0.96S",
        "EXPONENTIAL, 11, 1.0, PT3M24.8S",
        "EXPONENTIAL, 11, 1.2, PT4M5.76S",
        "EXPONENTIAL, 12, 1.0, PT5M", // 409.6 s capped
        "EXPONENTIAL, 12, 0.8, PT4M", // cap before jitter: 300 s × 0.8
        "EXPONENTIAL, 12, 1.2, PT5M", // and after it
        "EXPONENTIAL, 63, 1.0, PT5M",
        "EXPONENTIAL, 64, 1.0, PT5M",
        "EXPONENTIAL, 1000, 0.8, PT4M",
        "EXPONENTIAL, 2147483647, 1.2, PT5M",
        "LINEAR, 1, 1.0, PT0.2S",
        "LINEAR, 2, 1.0, PT0.4S",
        "LINEAR, 3, 1.0, PT0.6S",
        "LINEAR, 10, 1.0, PT2S",
        "LINEAR, 1, 0.8, PT0.16S",
        "LINEAR, 1, 1.2, PT0.24S",
        "LINEAR, 10, 0.8, PT1.6S",
        "LINEAR, 10, 1.2, PT2.4S",
        "LINEAR, 1500, 1.0, PT5M",
        "LINEAR, 1501, 0.8, PT4M",
        "LINEAR, 2147483647, 1.2, PT5M",
    })
    void computesTheNthWait(BackoffPolicy backoffPolicy, int n, double factor, Duration expected) {
        var backoff = new JitteredBackoff(Jitter.fixed(factor));

        assertThat(backoff.wait(policy(backoffPolicy, Duration.ofMillis(200), Duration.ofMinutes(5)), n))
                .isEqualTo(expected);
    }

    @Test
    void capsAHugeDelayWithoutOverflow() {
        var backoff = new JitteredBackoff(Jitter.fixed(1.2));
        var policy = policy(BackoffPolicy.EXPONENTIAL, Duration.ofDays(365_000), Duration.ofDays(365_000));

        assertThat(backoff.wait(policy, 40)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(new JitteredBackoff(Jitter.fixed(1.0))
                        .wait(policy(BackoffPolicy.LINEAR, Duration.ofDays(1), Duration.ofDays(365_000)), 1_000_000))
                .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void aZeroDelayNeverWaits() {
        var backoff = new JitteredBackoff(Jitter.fixed(1.2));

        assertThat(backoff.wait(policy(BackoffPolicy.EXPONENTIAL, Duration.ZERO, Duration.ofMinutes(5)), 70))
                .isZero();
    }

    @Test
    void aSmallerCapWins() {
        var backoff = new JitteredBackoff(Jitter.fixed(1.0));

        assertThat(backoff.wait(policy(BackoffPolicy.LINEAR, Duration.ofSeconds(10), Duration.ofSeconds(3)), 1))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void drawsFactorsBetweenPointEightAndOnePointTwo() {
        RandomGenerator lowest = () -> 0L;
        RandomGenerator highest = () -> -1L; // nextDouble() = 1 - 2^-53
        RandomGenerator middle = () -> Long.MIN_VALUE; // nextDouble() = 0.5

        assertThat(Jitter.from(lowest).factor()).isEqualTo(0.8);
        assertThat(Jitter.from(middle).factor()).isEqualTo(1.0);
        assertThat(Jitter.from(highest).factor()).isBetween(1.1999999, 1.2);
        var seeded = Jitter.from(new java.util.SplittableRandom(7));
        for (int i = 0; i < 1_000; i++) {
            assertThat(seeded.factor()).isBetween(0.8, 1.2);
        }
    }

    @Test
    void rejectsAFixedFactorOutsideTheRange() {
        assertThatThrownBy(() -> Jitter.fixed(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jitter.fixed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersWaitsFromOne() {
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(1)).nominal(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static DeliveryPolicy policy(BackoffPolicy backoffPolicy, Duration delay, Duration cap) {
        return new DeliveryPolicy(
                10,
                backoffPolicy,
                delay,
                cap,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                DeliveryFormat.BINARY,
                Optional.empty());
    }
}
