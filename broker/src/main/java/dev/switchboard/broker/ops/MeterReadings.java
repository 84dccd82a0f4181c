package dev.switchboard.broker.ops;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;

/**
 * Reads the numbers the ops API shows from the one registry every stage records into (docs/operations.md metrics): a
 * trigger's attempt, dead-letter and reply counters and its lag gauges, a broker's ingress counters, and
 * dispatch latency from the {@code kn.eventing.dispatch.duration} histogram. Missing meters read as zero.
 *
 * <p>Every read goes through the {@link MeterIndex}: a handful of hash lookups per trigger or broker, never a
 * walk over the registry, so a list of 1,000 triggers costs 1,000 times one trigger.
 */
final class MeterReadings {
    private static final String ACCEPTED = "202";

    private final MeterIndex index;

    MeterReadings(MeterIndex index) {
        this.index = index;
    }

    TriggerNumbers trigger(ResourceId trigger) {
        List<Counter> attempts = meters(MetricNames.DELIVERY_ATTEMPTS, trigger, Counter.class);
        return new TriggerNumbers(
                sum(attempts, "delivered"),
                sum(attempts, "retry"),
                sum(attempts, "failed"),
                sum(meters(MetricNames.DEAD_LETTERS, trigger, Counter.class)),
                sum(meters(MetricNames.REPLIES, trigger, Counter.class)),
                gauge(meters(MetricNames.TRIGGER_LAG_EVENTS, trigger, Gauge.class)),
                gauge(meters(MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, trigger, Gauge.class)),
                latency(meters(MetricNames.DISPATCH_DURATION, trigger, Timer.class)));
    }

    BrokerNumbers broker(ResourceId broker) {
        List<Counter> answered = meters(MetricNames.INGRESS_EVENTS, broker, Counter.class);
        long accepted = sum(answered.stream()
                .filter(c -> ACCEPTED.equals(c.getId().getTag(MetricNames.TAG_CODE)))
                .toList());
        return new BrokerNumbers(accepted, sum(answered) - accepted);
    }

    /** Dispatch latency over every trigger. */
    LatencySummary dispatchLatency() {
        return latency(only(index.all(MetricNames.DISPATCH_DURATION), Timer.class));
    }

    private <M extends Meter> List<M> meters(String name, ResourceId resource, Class<M> type) {
        return only(index.of(name, resource), type);
    }

    private static <M extends Meter> List<M> only(Collection<Meter> meters, Class<M> type) {
        return meters.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static long sum(List<Counter> attempts, String outcome) {
        return sum(attempts.stream()
                .filter(c -> outcome.equals(c.getId().getTag(MetricNames.TAG_OUTCOME)))
                .toList());
    }

    private static long sum(Collection<Counter> counters) {
        return Math.round(counters.stream().mapToDouble(Counter::count).sum());
    }

    private static double gauge(Collection<Gauge> gauges) {
        double total = gauges.stream()
                .mapToDouble(Gauge::value)
                .filter(Double::isFinite)
                .sum();
        return Math.max(0, total);
    }

    private static LatencySummary latency(Collection<Timer> timers) {
        return LatencySummary.of(timers.stream().map(Timer::takeSnapshot).toList());
    }

    /** A trigger's counters (docs/operations.md {@code status.counters}), lag gauges and dispatch latency. */
    record TriggerNumbers(
            long delivered,
            long retried,
            long failed,
            long deadLettered,
            long replies,
            double lag,
            double oldestUndeliveredAgeSeconds,
            LatencySummary latency) {}

    /** A broker's ingress counters: 202 answers and every other answer. */
    record BrokerNumbers(long accepted, long rejected) {}
}
