package dev.switchboard.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArrivalScheduleTest {
    @ParameterizedTest(name = "{0} ev/s: event {1} due at {2} ns")
    @CsvSource({
        "1000, 0, 0",
        "1000, 1, 1000000",
        "1000, 999, 999000000",
        "3, 1, 333333334",
        "0.5, 1, 2000000000",
        "10000, 25000, 2500000000"
    })
    void eventNIsDueAtNOverRateWhateverTheAnswers(double rate, long sequence, long dueNanos) {
        assertThat(new ArrivalSchedule(rate).dueAtNanos(sequence)).isEqualTo(dueNanos);
    }

    @ParameterizedTest(name = "{0} ev/s after {1} ns: {2} due")
    @CsvSource({
        "1000, -1, 0",
        "1000, 0, 1",
        "1000, 999999, 1",
        "1000, 1000000, 2",
        "1000, 1000000000, 1001",
        "3, 333333333, 1",
        "3, 333333334, 2",
        "0.5, 1999999999, 1"
    })
    void dueCountIsTheNumberOfEventsWhoseTimeHasCome(double rate, long elapsedNanos, long due) {
        assertThat(new ArrivalSchedule(rate).dueCount(elapsedNanos)).isEqualTo(due);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsARateThatIsNotPositive(double rate) {
        assertThatThrownBy(() -> new ArrivalSchedule(rate)).isInstanceOf(IllegalArgumentException.class);
    }
}
