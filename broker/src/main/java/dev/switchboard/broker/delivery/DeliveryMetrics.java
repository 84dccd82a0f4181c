package dev.switchboard.broker.delivery;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records the delivery stage's metrics (docs/operations.md) into the one injected registry: attempts by outcome, the
 * Knative-compatible dispatch duration of each answered attempt, dead letters by destination and replies by
 * result. Tags never carry event ids or types. Each trigger's meters are resolved once, not looked up per attempt.
 */
final class DeliveryMetrics {
    /** {@code outcome} values of {@link MetricNames#DELIVERY_ATTEMPTS}. */
    enum AttemptOutcome {
        DELIVERED,
        RETRY,
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code destination} values of {@link MetricNames#DEAD_LETTERS}. */
    enum Destination {
        SINK,
        TOPIC;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code result} values of {@link MetricNames#REPLIES}. */
    enum ReplyResult {
        PUBLISHED,
        TTL_EXHAUSTED,
        INVALID,
        DISCARDED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<ResourceId, TriggerMeters> byTrigger = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void egressRefused(DeliveryTarget target) {
        meters(target).egressRefused().increment();
    }

    void attempt(DeliveryTarget target, AttemptOutcome outcome) {
        meters(target).attempt(outcome).increment();
    }

    void dispatchDuration(DeliveryTarget target, int status, Duration elapsed) {
        meters(target).dispatchDuration(status).record(elapsed);
    }

    void deadLettered(DeliveryTarget target, Destination destination) {
        meters(target).deadLettered(destination).increment();
    }

    void reply(DeliveryTarget target, ReplyResult result) {
        meters(target).reply(result).increment();
    }

    /** Forgets a removed trigger's resolved meters (the registry keeps the series, as before). */
    void release(ResourceId trigger) {
        byTrigger.remove(trigger);
    }

    /**
     * The trigger's meters, resolved once per trigger (and again if its broker changed) rather than built and
     * looked up in the registry on every attempt: with tags, a registry lookup sorts and hashes them each time.
     */
    private TriggerMeters meters(DeliveryTarget target) {
        TriggerMeters meters = byTrigger.get(target.trigger());
        if (meters == null || !meters.broker.equals(target.broker())) {
            meters = new TriggerMeters(registry, target.trigger(), target.broker());
            byTrigger.put(target.trigger(), meters);
        }
        return meters;
    }

    /**
     * One trigger's delivery meters, each registered when first used (a trigger that never sees a reply or a
     * dead letter adds no such series), then reused without a registry lookup.
     */
    private static final class TriggerMeters {
        private final MeterRegistry registry;
        private final ResourceId trigger;
        private final ResourceId broker;
        private final AtomicReferenceArray<Counter> attempts =
                new AtomicReferenceArray<>(AttemptOutcome.values().length);
        private final AtomicReferenceArray<Counter> deadLetters =
                new AtomicReferenceArray<>(Destination.values().length);
        private final AtomicReferenceArray<Counter> replies = new AtomicReferenceArray<>(ReplyResult.values().length);
        private final AtomicReferenceArray<Counter> egressRefused = new AtomicReferenceArray<>(1);
        /** Indexed by status code (HTTP codes have three digits), so recording boxes nothing. */
        private final AtomicReferenceArray<Timer> dispatchByStatus = new AtomicReferenceArray<>(1000);

        TriggerMeters(MeterRegistry registry, ResourceId trigger, ResourceId broker) {
            this.registry = registry;
            this.trigger = trigger;
            this.broker = broker;
        }

        Counter attempt(AttemptOutcome outcome) {
            return counter(
                    attempts,
                    outcome.ordinal(),
                    MetricNames.DELIVERY_ATTEMPTS,
                    "Delivery attempts to subscribers, by outcome",
                    MetricNames.TAG_OUTCOME,
                    outcome.tag());
        }

        Counter deadLettered(Destination destination) {
            return counter(
                    deadLetters,
                    destination.ordinal(),
                    MetricNames.DEAD_LETTERS,
                    "Events dead-lettered, by where they went",
                    MetricNames.TAG_DESTINATION,
                    destination.tag());
        }

        Counter reply(ReplyResult result) {
            return counter(
                    replies,
                    result.ordinal(),
                    MetricNames.REPLIES,
                    "Reply events in subscriber answers, by what became of them",
                    MetricNames.TAG_RESULT,
                    result.tag());
        }

        Counter egressRefused() {
            return counter(
                    egressRefused,
                    0,
                    MetricNames.EGRESS_REFUSED,
                    "Connections to subscribers and dead-letter sinks refused by the egress guard",
                    null,
                    null);
        }

        private Counter counter(
                AtomicReferenceArray<Counter> slots,
                int slot,
                String name,
                String description,
                String tag,
                String value) {
            Counter counter = slots.get(slot);
            if (counter == null) {
                Counter.Builder builder = Counter.builder(name)
                        .description(description)
                        .tag(MetricNames.TAG_NAMESPACE, trigger.namespace())
                        .tag(MetricNames.TAG_TRIGGER, trigger.name());
                counter = (tag == null ? builder : builder.tag(tag, value)).register(registry);
                slots.set(slot, counter);
            }
            return counter;
        }

        Timer dispatchDuration(int status) {
            boolean cached = status >= 0 && status < dispatchByStatus.length();
            Timer timer = cached ? dispatchByStatus.get(status) : null;
            if (timer == null) {
                timer = Timer.builder(MetricNames.DISPATCH_DURATION)
                        .description("One delivery attempt to a subscriber, request to complete answer")
                        .tag(MetricNames.TAG_KN_BROKER_NAMESPACE, broker.namespace())
                        .tag(MetricNames.TAG_KN_BROKER_NAME, broker.name())
                        .tag(MetricNames.TAG_KN_TRIGGER_NAMESPACE, trigger.namespace())
                        .tag(MetricNames.TAG_KN_TRIGGER_NAME, trigger.name())
                        .tag(MetricNames.TAG_HTTP_RESPONSE_STATUS_CODE, Integer.toString(status))
                        .serviceLevelObjectives(LatencyBuckets.bounds())
                        .register(registry);
                if (cached) {
                    dispatchByStatus.set(status, timer);
                }
            }
            return timer;
        }
    }
}
