package dev.switchboard.loadtest.chaos;

import dev.switchboard.loadtest.measure.IntervalStats;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.report.Timeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds the soak's {@link Timeline}: accepted per second from the sender, delivered per second and the p99 of
 * each second's deliveries from the subscribers' books (the worst of the subscribers' p99s), and per fault:
 *
 * <ul>
 *   <li>recovery: from its repair until deliveries are fresh again, i.e. the first second from which three
 *       seconds in a row have deliveries with a p99 under max(2 s, 3 × the median p99 before the first fault);
 *   <li>the longest runs of whole seconds without any delivery, and without any accepted event, from the fault's
 *       start to its recovery.
 * </ul>
 */
final class ChaosTimeline {
    private static final double FRESH_FLOOR_MILLIS = 2_000;
    private static final int FRESH_SECONDS = 3;

    private final int length;
    private final double[] accepted;
    private final double[] delivered;
    private final double[] p99;

    ChaosTimeline(int seconds, Map<Long, LongAdder> acceptedPerSecond, List<ReceiptBook> books, long startNanos) {
        this.length = seconds;
        this.accepted = new double[seconds];
        this.delivered = new double[seconds];
        this.p99 = new double[seconds];
        acceptedPerSecond.forEach((second, count) -> {
            if (second >= 0 && second < seconds) {
                accepted[second.intValue()] = count.sum();
            }
        });
        for (ReceiptBook book : books) {
            double offset = (book.startNanos() - startNanos) / 1e9;
            for (IntervalStats interval : book.all().intervals()) {
                int second = (int) Math.floor(offset + interval.atSeconds() - interval.seconds() / 2);
                if (second >= 0 && second < seconds) {
                    delivered[second] += interval.events();
                    if (interval.latency().count() > 0) {
                        p99[second] = Math.max(p99[second], interval.latency().p99() / 1000.0);
                    }
                }
            }
        }
    }

    Timeline build(List<FaultRecord> faults) {
        double firstFault =
                faults.stream().mapToLong(FaultRecord::startMillis).min().orElse(length * 1000L) / 1000.0;
        double threshold = Math.max(FRESH_FLOOR_MILLIS, 3 * medianP99Before((int) firstFault));
        List<Timeline.FaultMark> marks = new ArrayList<>();
        for (FaultRecord fault : faults) {
            int healed = (int) Math.ceil(fault.healedMillis() / 1000.0);
            int fresh = firstFresh(healed, threshold);
            int start = (int) (fault.startMillis() / 1000);
            int end = fresh < 0 ? length : fresh;
            marks.add(new Timeline.FaultMark(
                    fault.kind().name(),
                    fault.target(),
                    fault.startMillis() / 1000.0,
                    fault.healStartMillis() / 1000.0,
                    fault.healedMillis() / 1000.0,
                    fresh < 0 ? -1 : Math.max(0, fresh - fault.healedMillis() / 1000.0),
                    longestZeroRun(delivered, start, end),
                    longestZeroRun(accepted, start, end)));
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            seconds.add((double) i);
        }
        return new Timeline(seconds, list(accepted), list(delivered), list(p99), marks);
    }

    private double medianP99Before(int second) {
        double[] before = Arrays.stream(p99, 0, Math.max(0, Math.min(second, length)))
                .filter(v -> v > 0)
                .sorted()
                .toArray();
        return before.length == 0 ? 0 : before[before.length / 2];
    }

    private int firstFresh(int from, double threshold) {
        for (int s = Math.max(0, from); s + FRESH_SECONDS <= length; s++) {
            boolean fresh = true;
            for (int k = s; k < s + FRESH_SECONDS && fresh; k++) {
                fresh = delivered[k] > 0 && p99[k] <= threshold;
            }
            if (fresh) {
                return s;
            }
        }
        return -1;
    }

    private static long longestZeroRun(double[] series, int from, int to) {
        long longest = 0;
        long run = 0;
        for (int s = Math.max(0, from); s < Math.min(series.length, to); s++) {
            run = series[s] == 0 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
