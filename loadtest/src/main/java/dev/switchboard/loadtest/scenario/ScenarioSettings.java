package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.load.ContentMode;
import dev.switchboard.loadtest.load.IngressConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The knobs every scenario reads: where the jar is and where reports go, how events look and are sent,
 * how long the unrecorded warm-up before each measured load lasts (a fresh JVM is slow for its first
 * seconds) and its rate ({@code warmupRate}, 0 = the measured load's own rate), how long phases and ramp steps last, the rates, trigger counts and payload sizes to try, the latency
 * target, and how long to wait for deliveries before calling the rest missing.
 */
public record ScenarioSettings(
        Path jar,
        Path output,
        ContentMode mode,
        int batchSize,
        IngressConnections connections,
        int payloadBytes,
        int partitionKeys,
        Duration warmup,
        double warmupRate,
        Duration phaseDuration,
        Duration stepDuration,
        long p99TargetMicros,
        double rampStart,
        double rampIncrement,
        int rampSteps,
        List<Double> rates,
        Triggers triggers,
        List<Integer> payloadSizes,
        double fixedRate,
        Duration soakDuration,
        Duration deliveryIdle,
        Duration deliveryMax,
        SwitchboardLaunch switchboard) {
    /**
     * The triggers of the scenarios that have several: fan-out's trigger counts, one phase each, with each
     * event matching {@code matchesPerEvent} of them; isolation's number of triggers (the last one is the
     * one whose subscriber goes down).
     */
    public record Triggers(List<Integer> fanOutCounts, int matchesPerEvent, int isolation) {
        public Triggers {
            fanOutCounts = List.copyOf(fanOutCounts);
            if (fanOutCounts.isEmpty() || matchesPerEvent < 1) {
                throw new IllegalArgumentException("fan-out needs trigger counts and at least one match per event");
            }
            for (int count : fanOutCounts) {
                if (count < matchesPerEvent || count % matchesPerEvent != 0) {
                    throw new IllegalArgumentException("each fan-out trigger count must be a multiple of the "
                            + matchesPerEvent + " matches per event: " + count);
                }
            }
            if (isolation < 2) {
                throw new IllegalArgumentException(
                        "isolation needs a trigger that goes down and another: " + isolation);
            }
        }
    }

    public ScenarioSettings {
        if (warmupRate < 0) {
            throw new IllegalArgumentException("warm-up rate must be 0 (the phase's rate) or positive: " + warmupRate);
        }
        rates = List.copyOf(rates);
        payloadSizes = List.copyOf(payloadSizes);
    }

    /** The full-size scenarios: minutes each, rates up to 10k ev/s, a 10-minute soak. */
    public static ScenarioSettings full(Path jar, Path output) {
        return new ScenarioSettings(
                jar,
                output,
                ContentMode.BINARY,
                1,
                IngressConnections.http1(64),
                1024,
                0,
                Duration.ofSeconds(10),
                0,
                Duration.ofSeconds(30),
                Duration.ofSeconds(20),
                50_000,
                1_000,
                1_000,
                30,
                List.of(1_000.0, 5_000.0, 10_000.0),
                new Triggers(List.of(1, 10, 100), 1, 4),
                List.of(1024, 65_536),
                1_000,
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                SwitchboardLaunch.jvm("-Xmx1g"));
    }

    /** Seconds-long versions for the build: low rates, short phases, a lax latency target. */
    public static ScenarioSettings smoke(Path jar, Path output) {
        return new ScenarioSettings(
                jar,
                output,
                ContentMode.BINARY,
                1,
                IngressConnections.http1(8),
                1024,
                0,
                Duration.ofSeconds(1),
                0,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                10_000_000,
                100,
                100,
                2,
                List.of(100.0),
                new Triggers(List.of(1, 3), 1, 4),
                List.of(1024, 65_536),
                100,
                Duration.ofSeconds(3),
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                SwitchboardLaunch.jvm("-Xmx512m"));
    }

    /** The rate of the warm-up before a load at {@code measuredRate}. */
    public double warmupRateFor(double measuredRate) {
        return warmupRate > 0 ? warmupRate : measuredRate;
    }

    public ScenarioSettings withOutput(Path folder) {
        return new ScenarioSettings(
                jar,
                folder,
                mode,
                batchSize,
                connections,
                payloadBytes,
                partitionKeys,
                warmup,
                warmupRate,
                phaseDuration,
                stepDuration,
                p99TargetMicros,
                rampStart,
                rampIncrement,
                rampSteps,
                rates,
                triggers,
                payloadSizes,
                fixedRate,
                soakDuration,
                deliveryIdle,
                deliveryMax,
                switchboard);
    }

    public ScenarioSettings withMode(ContentMode contentMode, int batch) {
        return new ScenarioSettings(
                jar,
                output,
                contentMode,
                batch,
                connections,
                payloadBytes,
                partitionKeys,
                warmup,
                warmupRate,
                phaseDuration,
                stepDuration,
                p99TargetMicros,
                rampStart,
                rampIncrement,
                rampSteps,
                rates,
                triggers,
                payloadSizes,
                fixedRate,
                soakDuration,
                deliveryIdle,
                deliveryMax,
                switchboard);
    }

    public ScenarioSettings withTriggers(Triggers chosen) {
        return new ScenarioSettings(
                jar,
                output,
                mode,
                batchSize,
                connections,
                payloadBytes,
                partitionKeys,
                warmup,
                warmupRate,
                phaseDuration,
                stepDuration,
                p99TargetMicros,
                rampStart,
                rampIncrement,
                rampSteps,
                rates,
                chosen,
                payloadSizes,
                fixedRate,
                soakDuration,
                deliveryIdle,
                deliveryMax,
                switchboard);
    }
}
