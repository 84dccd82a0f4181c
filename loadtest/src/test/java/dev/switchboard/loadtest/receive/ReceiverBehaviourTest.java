package dev.switchboard.loadtest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverBehaviourTest {
    @ParameterizedTest(name = "share {0}: {1} of 1000 fail")
    @CsvSource({"0, 0", "0.1, 100", "0.25, 250", "0.333, 333", "1, 1000"})
    void failsExactlyTheShareOfRequestsSpreadEvenly(double share, long failures) {
        ReceiverBehaviour behaviour = new ReceiverBehaviour(Duration.ZERO, share);
        assertThat(LongStream.range(0, 1000).filter(behaviour::fails).count()).isEqualTo(failures);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN})
    void rejectsAShareOutsideZeroToOne(double share) {
        assertThatThrownBy(() -> new ReceiverBehaviour(Duration.ZERO, share))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
