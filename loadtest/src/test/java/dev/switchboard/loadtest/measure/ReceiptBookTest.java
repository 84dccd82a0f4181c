package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A book that ignores the warm-up's ids: they count nowhere but in {@code ignored}; a book counting by route
 * expects an event once on each route of a trigger it matches.
 */
class ReceiptBookTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ReceiptBook book = new ReceiptBook(nanos::get, "warmup-");

    @Test
    void leavesWarmupIdsOutOfReceiptsLatencyDuplicatesAndUnexpected() {
        book.received("/t0", "run-0", 1_000);
        book.received("/t0", "warmup-x-0", 5_000_000);
        book.received("/t0", "warmup-x-0", 5_000_000);
        book.received("/t1", "warmup-x-1", 5_000_000);
        book.refused("/t1", "warmup-x-2");
        book.sample();

        Reconciliation result = book.reconcile(Set.of("run-0"));
        assertThat(result.received()).isEqualTo(1);
        assertThat(result.duplicates()).isZero();
        assertThat(result.unexpected()).isZero();
        assertThat(book.received()).isEqualTo(1);
        assertThat(book.distinct()).isEqualTo(1);
        assertThat(book.refusedCount()).isZero();
        assertThat(book.ignoredCount()).isEqualTo(4);
        assertThat(book.all().total().getTotalCount()).isEqualTo(1);
        assertThat(book.all().total().getMaxValue()).isLessThan(5_000_000);
        assertThat(book.routes()).containsOnlyKeys("/t0");
    }

    @Test
    void stillCountsAMeasuredIdMissingWhenOnlyWarmupIdsArrived() {
        book.received("/t0", "warmup-x-0", 1_000);
        book.received("/t0", "run-1", 1_000);

        Reconciliation result = book.reconcile(Set.of("run-0", "run-1"));
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.missingSample()).containsExactly("run-0");
        assertThat(result.complete()).isFalse();
    }

    @Test
    void countsWarmupLookingIdsWhenNothingIsIgnored() {
        ReceiptBook everything = new ReceiptBook(nanos::get);
        everything.received("/t0", "warmup-x-0", 1_000);

        assertThat(everything.reconcile(Set.of()).unexpected()).isEqualTo(1);
        assertThat(everything.ignoredCount()).isZero();
    }

    @Test
    void rejectsAnEmptyIgnoredPrefix() {
        assertThatThrownBy(() -> new ReceiptBook(nanos::get, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty prefix");
    }

    @Test
    void countsAnEventOncePerRouteWhenCountingByRoute() {
        ReceiptBook byRoute = new ReceiptBook(nanos::get, ReceiptBook.Counting.BY_ROUTE_AND_ID, "warmup-");
        byRoute.received("/t0", "run-0", 1_000);
        byRoute.received("/t1", "run-0", 1_000);
        byRoute.received("/t1", "run-0", 1_000);
        byRoute.received("/t2", "run-0", 1_000);
        byRoute.received("/t0", "warmup-x-0", 1_000);

        Set<String> expected = Set.of(
                ReceiptBook.Counting.BY_ROUTE_AND_ID.key("/t0", "run-0"),
                ReceiptBook.Counting.BY_ROUTE_AND_ID.key("/t1", "run-0"),
                ReceiptBook.Counting.BY_ROUTE_AND_ID.key("/t0", "run-1"),
                ReceiptBook.Counting.BY_ROUTE_AND_ID.key("/t1", "run-1"));
        Reconciliation result = byRoute.reconcile(expected);
        assertThat(result.received()).isEqualTo(2);
        assertThat(result.duplicates()).as("the second /t1 copy").isEqualTo(1);
        assertThat(result.unexpected())
                .as("run-0 on /t2, a trigger it does not match")
                .isEqualTo(1);
        assertThat(result.missingSample()).containsExactlyInAnyOrder("/t0 run-1", "/t1 run-1");
        assertThat(byRoute.received()).isEqualTo(4);
        assertThat(byRoute.distinct()).isEqualTo(3);
    }
}
