package dev.switchboard.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.measure.LatencyStats;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRampTest {
    private static LoadResult result(double rate, long p99, long failed) {
        long offered = 100;
        return new LoadResult(
                rate,
                1,
                offered,
                offered - failed,
                failed,
                0,
                failed == 0 ? Map.of() : Map.of("503", failed),
                new LatencyStats(offered - failed, p99 / 2, p99, p99, p99, p99, p99 / 2.0),
                List.of(),
                List.of());
    }

    @Test
    void stopsAtTheFirstStepWhoseP99BreaksTheTargetAndKeepsThePreviousRate() {
        StepRamp ramp = new StepRamp(100, 100, 10, 1_000);
        List<Double> rates = new ArrayList<>();
        StepRamp.Outcome outcome = ramp.run((index, rate) -> {
                    rates.add(rate);
                    return Future.succeededFuture(result(rate, rate >= 300 ? 5_000 : 500, 0));
                })
                .result();
        assertThat(rates).containsExactly(100.0, 200.0, 300.0);
        assertThat(outcome.maxSustainableRate()).isEqualTo(200.0);
        assertThat(outcome.steps()).extracting(StepRamp.Step::held).containsExactly(true, true, false);
        assertThat(outcome.stoppedBecause()).contains("p99 5000");
    }

    @Test
    void aStepWithAnyEventNotAcceptedBreaksTheRampEvenWithLowLatency() {
        StepRamp ramp = new StepRamp(100, 100, 10, 1_000);
        StepRamp.Outcome outcome = ramp.run(
                        (index, rate) -> Future.succeededFuture(result(rate, 10, index == 1 ? 1 : 0)))
                .result();
        assertThat(outcome.maxSustainableRate()).isEqualTo(100.0);
        assertThat(outcome.stoppedBecause())
                .contains("not every event accepted")
                .contains("503");
    }

    @Test
    void endsAfterTheLastStepWhenEveryStepHolds() {
        StepRamp ramp = new StepRamp(50, 25, 3, 1_000);
        StepRamp.Outcome outcome = ramp.run((index, rate) -> Future.succeededFuture(result(rate, 10, 0)))
                .result();
        assertThat(outcome.steps()).hasSize(3);
        assertThat(outcome.maxSustainableRate()).isEqualTo(100.0);
        assertThat(outcome.stoppedBecause()).contains("last step");
    }

    @Test
    void aFirstStepThatBreaksGivesZero() {
        StepRamp ramp = new StepRamp(50, 25, 3, 1_000);
        StepRamp.Outcome outcome = ramp.run((index, rate) -> Future.succeededFuture(result(rate, 2_000, 0)))
                .result();
        assertThat(outcome.maxSustainableRate()).isZero();
    }
}
