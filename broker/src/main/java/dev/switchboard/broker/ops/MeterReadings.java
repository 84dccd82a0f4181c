package dev.switchboard.broker.ops;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.util.Collection;

/**
 * Reads the numbers the ops API shows from the one registry every stage records into (SPEC §6 metrics): a
 * trigger's attempt, dead-letter and reply counters and its lag gauges, a broker's ingress counters, and
 * dispatch latency from the {@code kn.eventing.dispatch.duration} histogram. Missing meters read as zero.
 */
final class MeterReadings {
    private static final String ACCEPTED = "202";

    private final MeterRegistry registry;

    MeterReadings(MeterRegistry registry) {
        this.registry = registry;
    }

    TriggerNumbers trigger(ResourceId trigger) {
        return new TriggerNumbers(
                attempts(trigger, "delivered"),
                attempts(trigger, "retry"),
                attempts(trigger, "failed"),
                sum(byTrigger(MetricNames.DEAD_LETTERS, trigger).counters()),
                sum(byTrigger(MetricNames.REPLIES, trigger).counters()),
                gauge(byTrigger(MetricNames.TRIGGER_LAG_EVENTS, trigger).gauges()),
                gauge(byTrigger(MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, trigger)
                        .gauges()),
                latency(registry.find(MetricNames.DISPATCH_DURATION)
                        .tag(MetricNames.TAG_KN_BROKER_NAMESPACE, trigger.namespace())
                        .tag(MetricNames.TAG_KN_TRIGGER_NAME, trigger.name())
                        .timers()));
    }

    BrokerNumbers broker(ResourceId broker) {
        Collection<Counter> answered = registry.find(MetricNames.INGRESS_EVENTS)
                .tag(MetricNames.TAG_NAMESPACE, broker.namespace())
                .tag(MetricNames.TAG_BROKER, broker.name())
                .counters();
        long accepted = sum(answered.stream()
                .filter(c -> ACCEPTED.equals(c.getId().getTag(MetricNames.TAG_CODE)))
                .toList());
        return new BrokerNumbers(accepted, sum(answered) - accepted);
    }

    /** Dispatch latency over every trigger. */
    LatencySummary dispatchLatency() {
        return latency(registry.find(MetricNames.DISPATCH_DURATION).timers());
    }

    private long attempts(ResourceId trigger, String outcome) {
        return sum(byTrigger(MetricNames.DELIVERY_ATTEMPTS, trigger)
                .tag(MetricNames.TAG_OUTCOME, outcome)
                .counters());
    }

    private Search byTrigger(String name, ResourceId trigger) {
        return registry.find(name)
                .tag(MetricNames.TAG_NAMESPACE, trigger.namespace())
                .tag(MetricNames.TAG_TRIGGER, trigger.name());
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

    /** A trigger's counters (SPEC §6 {@code status.counters}), lag gauges and dispatch latency. */
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
