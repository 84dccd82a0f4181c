package dev.switchboard.loadtest.load;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Raises the offered rate step by step until a step breaks the target: its p99 answer latency above
 * {@code p99TargetMicros}, or any event not accepted. The highest step that held is the maximum
 * sustainable rate. Bounded by {@code maxSteps}.
 *
 * @param startRate events per second of the first step
 * @param increment events per second added at each step
 */
public record StepRamp(double startRate, double increment, int maxSteps, long p99TargetMicros) {
    public StepRamp {
        if (!(startRate > 0) || increment < 0 || maxSteps < 1 || p99TargetMicros < 1) {
            throw new IllegalArgumentException("need a positive start rate and target, increment ≥ 0, steps ≥ 1");
        }
    }

    /** One step: its rate, what it measured, and whether it held the target. */
    public record Step(int index, double rate, LoadResult result, boolean held) {}

    /** Every step run, and the highest rate that held (0 when the first step broke). */
    public record Outcome(List<Step> steps, double maxSustainableRate, String stoppedBecause) {
        public Outcome {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Runs the steps one after another with {@code runStep} (step index and rate to a result).
     */
    public Future<Outcome> run(BiFunction<Integer, Double, Future<LoadResult>> runStep) {
        return next(runStep, 0, new ArrayList<>(), 0);
    }

    private Future<Outcome> next(
            BiFunction<Integer, Double, Future<LoadResult>> runStep, int index, List<Step> steps, double best) {
        if (index >= maxSteps) {
            return Future.succeededFuture(new Outcome(steps, best, "reached the last step (" + maxSteps + ")"));
        }
        double rate = startRate + increment * index;
        return runStep.apply(index, rate).compose(result -> {
            String broken = brokenBy(result);
            steps.add(new Step(index, rate, result, broken.isEmpty()));
            if (!broken.isEmpty()) {
                return Future.succeededFuture(new Outcome(steps, best, "at " + (long) rate + " ev/s: " + broken));
            }
            return next(runStep, index + 1, steps, rate);
        });
    }

    /** Why a step broke the target, or empty when it held. */
    public String brokenBy(LoadResult result) {
        if (!result.clean()) {
            return "not every event accepted (failed " + result.failed() + ", unanswered " + result.unanswered()
                    + ", errors " + result.errors() + ")";
        }
        if (result.latency().p99() > p99TargetMicros) {
            return "p99 " + result.latency().p99() + " µs above the target " + p99TargetMicros + " µs";
        }
        return "";
    }
}
