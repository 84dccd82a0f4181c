package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000L);

    @Test
    void givesOneTokenAtOnceThenAsksToWaitForTheNext() {
        TokenBucket bucket = new TokenBucket(10, now::get);

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 5, 50, 1000})
    void startsAtMostRatePerSecondOverTime(double rate) {
        TokenBucket bucket = new TokenBucket(rate, now::get);
        int taken = 0;
        long end = now.get() + TimeUnit.SECONDS.toNanos(10);
        while (now.get() < end) {
            long wait = bucket.tryTake();
            if (wait == 0) {
                taken++;
            } else {
                now.addAndGet(wait);
            }
        }
        assertThat(taken).isBetween((int) (rate * 10) - 1, (int) (rate * 10) + (int) Math.max(1, rate / 10) + 1);
    }

    @Test
    void burstIsBoundedByATenthOfASecond() {
        TokenBucket bucket = new TokenBucket(100, now::get);
        bucket.tryTake();
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));

        int burst = 0;
        while (bucket.tryTake() == 0) {
            burst++;
        }
        assertThat(burst).isEqualTo(10);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new TokenBucket(0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
