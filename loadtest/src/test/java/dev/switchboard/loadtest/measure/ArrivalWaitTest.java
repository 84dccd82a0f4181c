package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The wait ends when everything arrived, or when nothing progressed for the idle time, on an injected clock. */
class ArrivalWaitTest {
    private final AtomicLong now = new AtomicLong();
    /** Every look at the clock is half a second later. */
    private final ArrivalWait wait =
            new ArrivalWait(Duration.ofSeconds(2), Duration.ofSeconds(600), () -> now.addAndGet(500_000_000L));

    @Test
    void keepsWaitingWhileTheReadProgressesThroughRecordsNotAwaited() throws Exception {
        AtomicLong read = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        // the awaited ids come only after 20 checks (10 s) of reading other records
        ArrivalWait.Outcome outcome = wait.await(() -> calls.incrementAndGet() > 20 ? 5 : 0, read::incrementAndGet, 5);

        assertThat(outcome.reached()).isTrue();
        assertThat(outcome.arrived()).isEqualTo(5);
    }

    @Test
    void givesUpWhenNothingProgressesForTheIdleTime() throws Exception {
        ArrivalWait.Outcome outcome = wait.await(() -> 3, 5);

        assertThat(outcome.reached()).isFalse();
        assertThat(outcome.arrived()).isEqualTo(3);
        assertThat(outcome.reason()).isEqualTo("nothing arrived for 2 s (2 missing)");
    }
}
