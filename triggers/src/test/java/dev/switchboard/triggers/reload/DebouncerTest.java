package dev.switchboard.triggers.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger runs = new AtomicInteger();
    private final Debouncer debouncer = new Debouncer(QUIET, scheduler, runs::incrementAndGet);

    @Test
    void runsOnceAfterQuietPeriod() {
        debouncer.signal();

        scheduler.advance(Duration.ofMillis(199));
        assertThat(runs).hasValue(0);
        assertThat(debouncer.isPending()).isTrue();

        scheduler.advance(Duration.ofMillis(1));
        assertThat(runs).hasValue(1);
        assertThat(debouncer.isPending()).isFalse();
    }

    @Test
    void burstOfSignalsCausesOneRunAfterTheLast() {
        for (int i = 0; i < 5; i++) {
            debouncer.signal();
            scheduler.advance(Duration.ofMillis(150));
        }
        assertThat(runs).hasValue(0);

        scheduler.advance(Duration.ofMillis(50));
        assertThat(runs).hasValue(1);

        scheduler.advance(Duration.ofSeconds(10));
        assertThat(runs).hasValue(1);
    }

    @Test
    void signalsFurtherApartThanQuietPeriodRunEach() {
        debouncer.signal();
        scheduler.advance(QUIET);
        debouncer.signal();
        scheduler.advance(QUIET);

        assertThat(runs).hasValue(2);
    }

    @Test
    void signalDuringRunSchedulesAnotherRun() {
        AtomicInteger nested = new AtomicInteger();
        Debouncer[] self = new Debouncer[1];
        self[0] = new Debouncer(QUIET, scheduler, () -> {
            if (nested.incrementAndGet() == 1) {
                self[0].signal();
            }
        });

        self[0].signal();
        scheduler.advance(QUIET);
        assertThat(self[0].isPending()).isTrue();

        scheduler.advance(QUIET);
        assertThat(nested).hasValue(2);
        assertThat(self[0].isPending()).isFalse();
    }

    @Test
    void rejectsNegativeQuietPeriod() {
        assertThatThrownBy(() -> new Debouncer(Duration.ofMillis(-1), scheduler, () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
