package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the shared reader starts in a partition, from the triggers' stored positions there. */
class PartitionHandoverTest {
    private static final long GAP = PartitionHandover.SHARED_START_GAP;

    static Stream<Arguments> starts() {
        return Stream.of(
                Arguments.of("no trigger: the log end", List.of(), 500L, 500L),
                Arguments.of("one trigger: its position", List.of(42L), 500L, 42L),
                Arguments.of("after a restart: the lowest of close positions", List.of(480L, 490L, 500L), 500L, 480L),
                Arguments.of(
                        "a new start-from earliest trigger reads on its own",
                        List.of(0L, 2 * GAP, 2 * GAP + 5, 2 * GAP + 9),
                        2 * GAP + 9,
                        2 * GAP),
                Arguments.of(
                        "a trigger just within the gap is read by the shared reader",
                        List.of(3 * GAP - GAP, 3 * GAP, 3 * GAP),
                        3 * GAP,
                        2 * GAP),
                Arguments.of(
                        "a new trigger at the log end is ahead: the others set the start",
                        List.of(10L, 10L, 10L, 900L),
                        900L,
                        10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void startsWhereAlmostEveryTriggerIsAndNeverBehindTheFarStragglers(
            String why, List<Long> positions, long logEnd, long expected) {
        assertThat(PartitionHandover.sharedStart(positions, logEnd)).isEqualTo(expected);
    }
}
