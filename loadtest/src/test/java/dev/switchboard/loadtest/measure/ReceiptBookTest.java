package dev.switchboard.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A book that ignores the warm-up's ids: they count nowhere but in {@code ignored}. */
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
}
