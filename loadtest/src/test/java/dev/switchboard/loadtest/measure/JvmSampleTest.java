package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmSampleTest {
    @Test
    void sumsAllocationAndPausesOverCollectorsAndIgnoresOtherSeries() {
        String exposition = """
                # HELP jvm_gc_memory_allocated_bytes_total Incremented for an increase in the size of the young generation
                # TYPE jvm_gc_memory_allocated_bytes_total counter
                jvm_gc_memory_allocated_bytes_total 1.5E9
                jvm_gc_memory_allocated_bytes_totalish 7.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 9.0E8
                # TYPE jvm_gc_pause_seconds summary
                jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 40
                jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
                jvm_gc_pause_seconds_count{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 1
                jvm_gc_pause_seconds_sum{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.05
                jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.01
                """;

        JvmSample sample = JvmSample.parse(exposition);

        // collected so far, plus what eden holds since the last collection
        assertThat(sample.allocatedBytes()).isEqualTo(1.5e9 + 2.5e7);
        assertThat(sample.gcPauses()).isEqualTo(41);
        assertThat(sample.gcPauseSeconds()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void emptyExpositionIsZero() {
        assertThat(JvmSample.parse("")).isEqualTo(new JvmSample(0, 0, 0));
    }
}
