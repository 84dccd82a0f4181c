package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.RampReport;
import dev.switchboard.loadtest.report.ReportWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress saturation scenario, seconds long, against the real jar as a separate process and its
 * embedded Kafka: every step's ledger matches the broker topic (sent = accepted = stored), the raw ramp ran
 * on a twin of the broker topic, and the report was written.
 */
class IngressSaturationSmokeIT {
    @TempDir
    Path output;

    @Test
    void ledgerMatchesTheTopicAndTheReportCarriesBothRamps() throws Exception {
        ScenarioRunner.Written written = new ScenarioRunner().run(new IngressSaturation(), SmokeSettings.in(output));

        assertThat(written.report().ramps()).extracting(RampReport::target).containsExactly("switchboard", "raw-kafka");
        RampReport switchboard = written.report().ramps().get(0);
        long offered = switchboard.steps().stream()
                .mapToLong(step -> Math.round(step.offered() * 2))
                .sum();
        PhaseReport best = written.report().phases().get(0);
        assertThat(best.stored()).isNotNull();
        assertThat(best.stored().expected()).as("accepted = sent").isEqualTo(offered);
        assertThat(best.stored().missing()).as("accepted but not stored").isZero();
        assertThat(best.stored().unexpected()).as("stored but not accepted").isZero();
        assertThat(written.report().ramps().get(1).steps()).isNotEmpty();
        assertThat(written.report().ratios()).containsKey("maxSustainableRate");
        assertThat(written.report().passed()).isTrue();
        assertThat(written.page()).isRegularFile();
        assertThat(written.page().resolveSibling(ReportWriter.JSON)).isRegularFile();
    }
}
