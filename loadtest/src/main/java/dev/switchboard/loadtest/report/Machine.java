package dev.switchboard.loadtest.report;

import java.lang.management.ManagementFactory;

/** Where a report was measured: enough to say whether two reports are comparable. */
public record Machine(int cores, String os, String java, long maxHeapMiB, double loadAverageAtStart) {
    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
