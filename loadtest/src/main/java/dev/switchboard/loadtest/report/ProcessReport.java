package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.loadtest.measure.JvmSample;
import dev.switchboard.loadtest.measure.ProcessSample;

/**
 * What the Switchboard process (with its embedded Kafka: one JVM) cost over a phase, from two {@link
 * ProcessSample}s: one right before the measured load, one once its deliveries have arrived. CPU is
 * {@code utime + stime} between the two; threads and resident memory ({@code VmRSS}, and the peak so far
 * {@code VmHWM}) are those at the end.
 *
 * @param seconds wall time between the two samples
 * @param cpuSecondsPerEvent {@code cpuSeconds} over the phase's accepted events (0 when none)
 * @param allocatedBytesPerEvent young-generation bytes the JVM allocated over the phase, per accepted event (0 when
 *     its {@code /metrics} could not be read; see {@link JvmSample})
 * @param gcPauseSeconds time the JVM spent in GC pauses over the phase
 * @param gcPauses how many GC pauses
 */
public record ProcessReport(
        double seconds,
        double cpuSeconds,
        long events,
        double cpuSecondsPerEvent,
        int threads,
        long vmRssKiB,
        long vmHwmKiB,
        double allocatedBytesPerEvent,
        double gcPauseSeconds,
        long gcPauses) {

    /** The cost between {@code start} and {@code end}, over {@code events} accepted events. */
    public static ProcessReport between(ProcessSample start, ProcessSample end, long events) {
        double cpu = Math.max(0, end.cpuSeconds() - start.cpuSeconds());
        return new ProcessReport(
                (end.nanos() - start.nanos()) / 1e9,
                cpu,
                events,
                events > 0 ? cpu / events : 0,
                end.threads(),
                end.vmRssKiB(),
                end.vmHwmKiB(),
                0,
                0,
                0);
    }

    /** This report with the JVM's allocation and GC between {@code start} and {@code end}. */
    public ProcessReport withJvm(JvmSample start, JvmSample end) {
        double allocated = Math.max(0, end.allocatedBytes() - start.allocatedBytes());
        return new ProcessReport(
                seconds,
                cpuSeconds,
                events,
                cpuSecondsPerEvent,
                threads,
                vmRssKiB,
                vmHwmKiB,
                events > 0 ? allocated / events : 0,
                Math.max(0, end.gcPauseSeconds() - start.gcPauseSeconds()),
                Math.max(0, end.gcPauses() - start.gcPauses()));
    }

    /** Cores busy on average over the phase. */
    @JsonProperty("cores")
    public double cores() {
        return seconds > 0 ? cpuSeconds / seconds : 0;
    }
}
