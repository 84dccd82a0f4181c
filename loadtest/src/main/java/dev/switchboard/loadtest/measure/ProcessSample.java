package dev.switchboard.loadtest.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One look at a Linux process through {@code /proc} (proc(5)): CPU time used so far ({@code utime + stime}
 * of {@code /proc/<pid>/stat}, fields 14 and 15, in clock ticks), its thread count ({@code Threads}) and
 * resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}), taken
 * at {@code nanos} of the caller's clock. Two samples give the CPU spent between them.
 */
public record ProcessSample(long nanos, double cpuSeconds, int threads, long vmRssKiB, long vmHwmKiB) {
    /** Clock ticks per second when {@code getconf CLK_TCK} cannot say: USER_HZ is 100 on x86 and ARM. */
    static final long DEFAULT_TICKS_PER_SECOND = 100;

    private static volatile long ticksPerSecond;

    /** Reads {@code /proc/<pid>}; empty where there is no {@code /proc} (not Linux) or the process is gone. */
    public static Optional<ProcessSample> read(long pid, long nanos) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            return Optional.of(parse(
                    nanos,
                    Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII),
                    Files.readString(dir.resolve("status"), StandardCharsets.UTF_8),
                    ticksPerSecond()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A sample from the text of {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. */
    static ProcessSample parse(long nanos, String stat, String status, long ticksPerSecond) {
        // the command name (field 2) is in parentheses and may hold spaces or parentheses: count after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return new ProcessSample(
                nanos,
                (utime + stime) / (double) ticksPerSecond,
                (int) statusValue(status, "Threads:"),
                statusValue(status, "VmRSS:"),
                statusValue(status, "VmHWM:"));
    }

    /** The number after {@code key} on its line of {@code status} (kB for the memory lines). */
    private static long statusValue(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no " + key + " line in /proc/<pid>/status");
    }

    private static long ticksPerSecond() {
        long ticks = ticksPerSecond;
        if (ticks == 0) {
            ticks = askGetconf();
            ticksPerSecond = ticks;
        }
        return ticks;
    }

    private static long askGetconf() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
