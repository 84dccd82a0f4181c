package dev.switchboard.broker.dispatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/** CPU time of this JVM, whole and by thread role, for the dispatch benchmarks. */
final class ThreadCpu {
    private ThreadCpu() {}

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU nanos of live threads grouped by name with digits removed (e.g. "vert.x-eventloop-thread-#"). */
    static Map<String, Long> byRole() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byRole = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                String role = info.getThreadName().replaceAll("[0-9]+", "#");
                if (role.startsWith("switchboard-reader-")) {
                    role = "switchboard-reader (shared reader)";
                }
                byRole.merge(role, cpu, Long::sum);
            }
        }
        return byRole;
    }

    /**
     * Prints each role's CPU seconds between two {@link #byRole} readings, and those seconds times {@code scale}
     * labelled {@code unit} (e.g. {@code 1e6 / events}, "µs per event").
     */
    static void print(Map<String, Long> before, Map<String, Long> after, double scale, String unit) {
        after.forEach((role, nanos) -> {
            double used = (nanos - before.getOrDefault(role, 0L)) / 1e9;
            if (used > 0.05) {
                System.out.printf("  %-40s %6.1f CPU-s  %8.2f %s%n", role, used, used * scale, unit);
            }
        });
    }
}
