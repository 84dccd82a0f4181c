package dev.switchboard.loadtest.report;

import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.measure.LatencyStats;
import java.util.List;
import java.util.Map;

/**
 * A step ramp against one target: each step's offered and achieved rate and latency, and the highest
 * offered rate that held the p99 target with every event accepted.
 */
public record RampReport(
        String name,
        String target,
        long p99TargetMicros,
        double maxSustainableRate,
        String stoppedBecause,
        List<Point> steps) {
    public RampReport {
        steps = List.copyOf(steps);
    }

    /** One step. */
    public record Point(
            double offered, double achieved, LatencyStats latency, boolean held, Map<String, Long> errors) {}

    public static RampReport of(String name, String target, StepRamp ramp, StepRamp.Outcome outcome) {
        return new RampReport(
                name,
                target,
                ramp.p99TargetMicros(),
                outcome.maxSustainableRate(),
                outcome.stoppedBecause(),
                outcome.steps().stream()
                        .map(step -> new Point(
                                step.rate(),
                                step.result().achievedRate(),
                                step.result().latency(),
                                step.held(),
                                step.result().errors()))
                        .toList());
    }
}
