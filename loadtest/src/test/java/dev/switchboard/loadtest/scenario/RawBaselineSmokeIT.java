package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.report.PhaseReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw baseline, seconds long: producer ramp and a produce-and-consume phase on the jar's Kafka. */
class RawBaselineSmokeIT {
    @TempDir
    Path output;

    @Test
    void rawConsumerReadsEveryAcknowledgedEventOfTheRawProducer() throws Exception {
        ScenarioRunner.Written written = new ScenarioRunner().run(new RawBaseline(), SmokeSettings.in(output));

        PhaseReport phase = written.report().phases().get(0);
        assertThat(phase.target()).isEqualTo("raw-kafka");
        assertThat(phase.load().accepted()).isEqualTo(phase.load().offered());
        assertThat(phase.delivery().reconciliation().expected())
                .isEqualTo(phase.load().accepted());
        assertThat(phase.delivery().reconciliation().missing()).isZero();
        assertThat(phase.delivery().all().latency().count()).isPositive();
        assertThat(written.report().ramps()).hasSize(1);
        assertThat(written.report().passed()).isTrue();
        assertThat(written.page()).isRegularFile();
    }
}
