package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void commitsNothingUntilTheLowestRecordSettles() {
        OffsetTracker.Ticket first = tracker.track(P0, 10);
        OffsetTracker.Ticket second = tracker.track(P0, 11);
        OffsetTracker.Ticket third = tracker.track(P0, 12);

        second.settle();
        third.settle();
        assertThat(tracker.committable()).isEmpty();

        first.settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 13L));
    }

    @Test
    void stopsAtTheLowestUnsettledRecord() {
        List<OffsetTracker.Ticket> tickets = track(P0, 0, 5);
        tickets.get(0).settle();
        tickets.get(1).settle();
        tickets.get(3).settle();

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 2L));
        assertThat(tracker.unsettled()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void neverCommitsPastAnUnsettledRecordWhateverTheSettlementOrder(long seed) {
        List<OffsetTracker.Ticket> tickets = track(P0, 100, 200);
        List<OffsetTracker.Ticket> order = new ArrayList<>(tickets);
        Collections.shuffle(order, new Random(seed));
        List<Long> settled = new ArrayList<>();
        for (OffsetTracker.Ticket ticket : order) {
            ticket.settle();
            settled.add(ticket.offset());
            long expected = 100;
            while (settled.contains(expected)) {
                expected++;
            }
            Map<TopicPartition, Long> committable = tracker.committable();
            if (expected == 100) {
                assertThat(committable).isEmpty();
            } else {
                assertThat(committable).containsExactly(Map.entry(P0, expected));
            }
        }
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 300L));
    }

    @Test
    void partitionsAreIndependent() {
        OffsetTracker.Ticket p0 = tracker.track(P0, 0);
        OffsetTracker.Ticket p1 = tracker.track(P1, 7);

        p1.settle();

        assertThat(tracker.committable()).containsExactly(Map.entry(P1, 8L));
        p0.settle();
        assertThat(tracker.committable()).containsOnly(Map.entry(P0, 1L), Map.entry(P1, 8L));
    }

    @Test
    void offersEachOffsetOnceAfterItWasCommitted() {
        OffsetTracker.Ticket ticket = tracker.track(P0, 0);
        ticket.settle();
        tracker.committed(tracker.committable());

        assertThat(tracker.committable()).isEmpty();
        tracker.track(P0, 1).settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 2L));
    }

    @Test
    void skipsOffsetGapsLikeTransactionMarkers() {
        OffsetTracker.Ticket five = tracker.track(P0, 5);
        OffsetTracker.Ticket seven = tracker.track(P0, 7);

        five.settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 6L));
        seven.settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 8L));
    }

    @Test
    void forgottenPartitionsMakeTheirTicketsStale() {
        OffsetTracker.Ticket before = tracker.track(P0, 3);
        tracker.forget(List.of(P0));

        assertThat(before.isLive()).isFalse();
        OffsetTracker.Ticket after = tracker.track(P0, 3);
        before.settle();
        assertThat(tracker.committable()).isEmpty();
        assertThat(after.isLive()).isTrue();
        after.settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 4L));
    }

    @Test
    void settlingTwiceIsHarmless() {
        OffsetTracker.Ticket first = tracker.track(P0, 0);
        tracker.track(P0, 1);

        first.settle();
        first.settle();

        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 1L));
    }

    @Test
    void startsAFreshLedgerWhenThePositionMovesBack() {
        OffsetTracker.Ticket later = tracker.track(P0, 50);
        OffsetTracker.Ticket earlier = tracker.track(P0, 20);

        assertThat(later.isLive()).isFalse();
        later.settle();
        assertThat(tracker.committable()).isEmpty();
        earlier.settle();
        assertThat(tracker.committable()).containsExactly(Map.entry(P0, 21L));
    }

    private List<OffsetTracker.Ticket> track(TopicPartition partition, long from, int count) {
        return LongStream.range(from, from + count)
                .mapToObj(offset -> tracker.track(partition, offset))
                .toList();
    }
}
