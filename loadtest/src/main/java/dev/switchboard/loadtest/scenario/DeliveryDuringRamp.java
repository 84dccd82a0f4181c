package dev.switchboard.loadtest.scenario;

import dev.switchboard.loadtest.measure.LatencyStats;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.receive.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What the receiver got while an ingress ramp ran: each step's deliveries per second and their end-to-end p99, in a
 * fresh receipt book per step (warm-up ids ignored). An ingress can only look faster than it is when its deliveries
 * fall behind and leave it the CPU; this says whether they kept up, and up to which step.
 */
final class DeliveryDuringRamp implements RampWatch {
    /** A step kept up when at least this share of its offered rate was delivered during it. */
    static final double KEPT_UP_SHARE = 0.95;

    /** One step as the receiver saw it. */
    record Step(double offered, double delivered, LatencyStats endToEnd) {
        boolean keptUp(long p99TargetMicros) {
            return delivered >= KEPT_UP_SHARE * offered && endToEnd.p99() <= p99TargetMicros;
        }
    }

    private final Receiver receiver;
    private final LongSupplier nanoTime;
    private final List<Step> steps = new ArrayList<>();
    private ReceiptBook book;
    private long openedNanos;

    DeliveryDuringRamp(Receiver receiver, LongSupplier nanoTime) {
        this.receiver = receiver;
        this.nanoTime = nanoTime;
    }

    @Override
    public void stepStarts() {
        book = receiver.newBook(ReceiptBook.Counting.BY_ID, LoadBench.WARMUP_ID_PREFIX);
        openedNanos = nanoTime.getAsLong();
    }

    @Override
    public void stepEnded(double offered) {
        double seconds = (nanoTime.getAsLong() - openedNanos) / 1e9;
        book.sample();
        steps.add(new Step(
                offered, book.received() / seconds, LatencyStats.of(book.all().total())));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /**
     * The highest offered rate whose step's deliveries kept up (0 when none did). Not only the first steps in a row:
     * the first step's arrivals also carry what the warm-up left queued.
     */
    double keptUpTo(long p99TargetMicros) {
        return steps.stream()
                .filter(step -> step.keptUp(p99TargetMicros))
                .mapToDouble(Step::offered)
                .max()
                .orElse(0);
    }

    /** One line per step, for a finding. */
    String describe() {
        return steps.stream()
                .map(step -> String.format(
                        "%.0f → %.0f/s (p99 %.1f ms)",
                        step.offered(), step.delivered(), step.endToEnd().p99() / 1000.0))
                .collect(Collectors.joining(", "));
    }
}
