package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CPU, threads and memory read from the text of {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. */
class ProcessSampleTest {
    private static final String STATUS = String.join(
            "\n",
            "Name:\tjava",
            "State:\tS (sleeping)",
            "VmPeak:\t 5000000 kB",
            "VmHWM:\t  812340 kB",
            "VmRSS:\t  790001 kB",
            "Threads:\t87",
            "");

    @Test
    void addsUserAndSystemTicksCountedAfterTheCommandName() {
        // a command name with a space and a ')' must not shift the fields; utime 1234, stime 566
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 50000 0 12 0 1234 566 0 0 20 0 87 0 9999"
                + " 6000000000 200000 18446744073709551615\n";

        ProcessSample sample = ProcessSample.parse(7, stat, STATUS, 100);

        assertThat(sample.nanos()).isEqualTo(7);
        assertThat(sample.cpuSeconds()).isEqualTo(18.0);
        assertThat(sample.threads()).isEqualTo(87);
        assertThat(sample.vmRssKiB()).isEqualTo(790_001);
        assertThat(sample.vmHwmKiB()).isEqualTo(812_340);
    }

    @Test
    void readsThisJvmWhereThereIsProc() {
        long pid = ProcessHandle.current().pid();
        assumeThat(Files.isDirectory(Path.of("/proc", Long.toString(pid)))).isTrue();

        ProcessSample sample = ProcessSample.read(pid, 0).orElseThrow();

        assertThat(sample.threads()).isPositive();
        assertThat(sample.vmRssKiB()).isPositive();
        assertThat(sample.vmHwmKiB()).isGreaterThanOrEqualTo(sample.vmRssKiB());
        assertThat(sample.cpuSeconds()).isPositive();
    }

    @Test
    void isEmptyForAProcessThatIsNotThere() {
        assertThat(ProcessSample.read(Long.MAX_VALUE, 0)).isEmpty();
    }
}
