package dev.switchboard.broker.ingress;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records ingress outcomes (docs/operations.md): {@code switchboard_ingress_events_total{namespace,broker,code}} counts
 * each accepted event (a batch of n counts n) and each refused request once; the duration histogram times
 * request arrival to Kafka acknowledgement. With {@code metrics.eventTypeTag} every series also carries
 * the event {@code type} (empty for refused requests), which multiplies cardinality by the types in use.
 */
final class IngressMetrics {
    /** A series' identity; a record key is cheaper per event than building and sorting Micrometer {@code Tags}. */
    private record CounterKey(String namespace, String broker, int status, String type) {}

    private record TimerKey(String namespace, String broker) {}

    private final MeterRegistry registry;
    private final boolean eventTypeTag;
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    IngressMetrics(MeterRegistry registry, boolean eventTypeTag) {
        this.registry = registry;
        this.eventTypeTag = eventTypeTag;
    }

    void accepted(String namespace, String broker, List<CloudEvent> events, long elapsedNanos) {
        if (eventTypeTag) {
            for (CloudEvent event : events) {
                counter(namespace, broker, 202, event.getType()).increment();
            }
        } else {
            counter(namespace, broker, 202, "").increment(events.size());
        }
        timer(namespace, broker).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    void refused(String namespace, String broker, int status) {
        counter(namespace, broker, status, "").increment();
    }

    private Timer timer(String namespace, String broker) {
        TimerKey key = new TimerKey(namespace, broker);
        Timer timer = timers.get(key);
        return timer != null
                ? timer
                : timers.computeIfAbsent(key, absent -> Timer.builder(MetricNames.INGRESS_DURATION)
                        .description("From request arrival to Kafka acknowledgement")
                        .tag(MetricNames.TAG_NAMESPACE, namespace)
                        .tag(MetricNames.TAG_BROKER, broker)
                        .serviceLevelObjectives(LatencyBuckets.bounds())
                        .register(registry));
    }

    private Counter counter(String namespace, String broker, int status, String type) {
        CounterKey key = new CounterKey(namespace, broker, status, eventTypeTag ? type : "");
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, this::register);
    }

    private Counter register(CounterKey key) {
        Tags tags = Tags.of(
                MetricNames.TAG_NAMESPACE, key.namespace(),
                MetricNames.TAG_BROKER, key.broker(),
                MetricNames.TAG_CODE, Integer.toString(key.status()));
        if (eventTypeTag) {
            tags = tags.and(MetricNames.TAG_TYPE, key.type());
        }
        return Counter.builder(MetricNames.INGRESS_EVENTS)
                .description("Events accepted and requests refused by the ingress, by status code")
                .tags(tags)
                .register(registry);
    }
}
