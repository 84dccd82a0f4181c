package dev.switchboard.broker.ingress;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records ingress outcomes (docs/operations.md): {@code switchboard_ingress_events_total{namespace,broker,code}} counts
 * each accepted event (a batch of n counts n) and each refused request once; the duration histogram times
 * request arrival to Kafka acknowledgement. With {@code metrics.eventTypeTag} every series also carries
 * the event {@code type} (empty for refused requests), which multiplies cardinality by the types in use.
 */
final class IngressMetrics {
    private final MeterRegistry registry;
    private final boolean eventTypeTag;
    private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    IngressMetrics(MeterRegistry registry, boolean eventTypeTag) {
        this.registry = registry;
        this.eventTypeTag = eventTypeTag;
    }

    void accepted(String namespace, String broker, List<CloudEvent> events, long elapsedNanos) {
        for (CloudEvent event : events) {
            counter(namespace, broker, 202, event.getType()).increment();
        }
        Tags tags = Tags.of(MetricNames.TAG_NAMESPACE, namespace, MetricNames.TAG_BROKER, broker);
        timers.computeIfAbsent(tags, key -> Timer.builder(MetricNames.INGRESS_DURATION)
                        .description("From request arrival to Kafka acknowledgement")
                        .tags(key)
                        .serviceLevelObjectives(LatencyBuckets.bounds())
                        .register(registry))
                .record(Duration.ofNanos(elapsedNanos));
    }

    void refused(String namespace, String broker, int status) {
        counter(namespace, broker, status, "").increment();
    }

    private Counter counter(String namespace, String broker, int status, String type) {
        Tags tags = Tags.of(
                MetricNames.TAG_NAMESPACE, namespace,
                MetricNames.TAG_BROKER, broker,
                MetricNames.TAG_CODE, Integer.toString(status));
        if (eventTypeTag) {
            tags = tags.and(MetricNames.TAG_TYPE, type);
        }
        return counters.computeIfAbsent(tags, key -> Counter.builder(MetricNames.INGRESS_EVENTS)
                .description("Events accepted and requests refused by the ingress, by status code")
                .tags(key)
                .register(registry));
    }
}
