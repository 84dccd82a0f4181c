package dev.switchboard.broker.ops;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's per-trigger and per-broker meters, indexed by (meter name, resource) as they are registered,
 * so that the ops API reads one trigger's numbers with a hash lookup instead of a scan of every meter (Micrometer's
 * {@code registry.find(name).tags(...)} walks the whole registry: with 1,000 triggers one {@code /api/v1/triggers}
 * was 1,000 scans of tens of thousands of meters).
 *
 * <p>It listens to the registry ({@code onMeterAdded}/{@code onMeterRemoved}), so any stage's meters are indexed
 * without that stage knowing: a meter's resource is its {@code namespace} tag with its {@code trigger} tag, or the
 * Knative pair {@code kn_trigger_namespace} (else {@code kn_broker_namespace}) with {@code kn_trigger_name}, or
 * {@code namespace} with {@code broker}. Meters with none of these (JVM, Kafka, Vert.x) are not indexed.
 * Thread-safe: the registry calls the listeners on the registering thread.
 */
final class MeterIndex {
    private record Key(String name, ResourceId resource) {}

    private final Map<Key, Set<Meter>> byResource = new ConcurrentHashMap<>();
    private final Map<String, Set<Meter>> byName = new ConcurrentHashMap<>();

    private MeterIndex() {}

    /**
     * Starts indexing {@code registry}: listens first, then adds the meters already there (adding twice is
     * harmless), so no meter registered meanwhile is missed.
     */
    static MeterIndex watch(MeterRegistry registry) {
        MeterIndex index = new MeterIndex();
        registry.config().onMeterAdded(index::add).onMeterRemoved(index::remove);
        registry.forEachMeter(index::add);
        return index;
    }

    /** The meters named {@code name} of one trigger or broker; empty when none was registered. */
    Set<Meter> of(String name, ResourceId resource) {
        return byResource.getOrDefault(new Key(name, resource), Set.of());
    }

    /** Every indexed meter named {@code name}, over all triggers or brokers. */
    Set<Meter> all(String name) {
        return byName.getOrDefault(name, Set.of());
    }

    private void add(Meter meter) {
        resource(meter.getId()).ifPresent(resource -> {
            String name = meter.getId().getName();
            byResource.compute(new Key(name, resource), (key, meters) -> with(meters, meter));
            byName.compute(name, (key, meters) -> with(meters, meter));
        });
    }

    private void remove(Meter meter) {
        resource(meter.getId()).ifPresent(resource -> {
            String name = meter.getId().getName();
            byResource.computeIfPresent(new Key(name, resource), (key, meters) -> without(meters, meter));
            byName.computeIfPresent(name, (key, meters) -> without(meters, meter));
        });
    }

    /** Adds inside {@code compute}, so a concurrent removal of the last meter cannot orphan the set. */
    private static Set<Meter> with(Set<Meter> meters, Meter meter) {
        Set<Meter> set = meters == null ? ConcurrentHashMap.newKeySet() : meters;
        set.add(meter);
        return set;
    }

    private static Set<Meter> without(Set<Meter> meters, Meter meter) {
        meters.remove(meter);
        return meters.isEmpty() ? null : meters;
    }

    /** The trigger or broker a meter is about, from its tags (see the class comment). */
    static Optional<ResourceId> resource(Meter.Id id) {
        String namespace = id.getTag(MetricNames.TAG_NAMESPACE);
        String trigger = id.getTag(MetricNames.TAG_TRIGGER);
        if (namespace != null && trigger != null) {
            return Optional.of(new ResourceId(namespace, trigger));
        }
        String knTrigger = id.getTag(MetricNames.TAG_KN_TRIGGER_NAME);
        String knNamespace = id.getTag(MetricNames.TAG_KN_TRIGGER_NAMESPACE);
        if (knNamespace == null) {
            knNamespace = id.getTag(MetricNames.TAG_KN_BROKER_NAMESPACE);
        }
        if (knTrigger != null && knNamespace != null) {
            return Optional.of(new ResourceId(knNamespace, knTrigger));
        }
        String broker = id.getTag(MetricNames.TAG_BROKER);
        if (namespace != null && broker != null) {
            return Optional.of(new ResourceId(namespace, broker));
        }
        return Optional.empty();
    }
}
