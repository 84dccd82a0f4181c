package dev.switchboard.broker.ops;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import dev.switchboard.triggers.reload.Generation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code switchboard_trigger_ready{namespace,trigger}} (docs/operations.md): one gauge for every loaded trigger, Ready or
 * not, worth 1 while its {@code Ready} condition (as {@link TriggerConditions} computes it for the API) is True
 * and 0 otherwise. A new trigger has its series at once, so dashboards can list triggers from it and an alert
 * can fire for a trigger that never delivered anything.
 *
 * <p>The gauges follow the served generation lazily: {@link #follow(Generation)} is called before every scrape
 * and API read, registers the new triggers' gauges, points the kept ones at their new spec and status, and
 * removes the gauges of removed triggers. Only a new generation costs a pass over the triggers.
 */
final class TriggerReadyGauges {
    private final MeterRegistry registry;
    private final TriggerConditions conditions;
    private final Map<ResourceId, Subject> gauges = new HashMap<>();
    private long followed;

    TriggerReadyGauges(MeterRegistry registry, TriggerConditions conditions) {
        this.registry = registry;
        this.conditions = conditions;
    }

    synchronized void follow(Generation current) {
        if (current.number() == followed) {
            return;
        }
        ResourceSet resources = current.resources();
        Map<ResourceId, Subject> kept = new HashMap<>();
        for (Trigger trigger : resources.triggers()) {
            Subject subject = gauges.remove(trigger.id());
            if (subject == null) {
                subject = new Subject();
                subject.gauge = Gauge.builder(MetricNames.TRIGGER_READY, subject, this::value)
                        .description("1 while the trigger is Ready, 0 while it is not")
                        .tag(MetricNames.TAG_NAMESPACE, trigger.id().namespace())
                        .tag(MetricNames.TAG_TRIGGER, trigger.id().name())
                        .strongReference(true)
                        .register(registry);
            }
            subject.trigger = trigger;
            subject.status = resources.status(trigger.id());
            kept.put(trigger.id(), subject);
        }
        gauges.values().forEach(removed -> registry.remove(removed.gauge));
        gauges.clear();
        gauges.putAll(kept);
        followed = current.number();
    }

    private double value(Subject subject) {
        return TriggerConditions.ready(conditions.of(subject.trigger, subject.status)) ? 1 : 0;
    }

    /** What one gauge reads: the trigger as served now. */
    private static final class Subject {
        private volatile Trigger trigger;
        private volatile TriggerStatus status;
        private Gauge gauge;
    }
}
