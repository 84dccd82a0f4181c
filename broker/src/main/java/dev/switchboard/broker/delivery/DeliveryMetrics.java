package dev.switchboard.broker.delivery;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Records the delivery stage's metrics (docs/operations.md) into the one injected registry: attempts by outcome, the
 * Knative-compatible dispatch duration of each answered attempt, dead letters by destination and replies by
 * result. Tags never carry event ids or types.
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

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void egressRefused(DeliveryTarget target) {
        Counter.builder(MetricNames.EGRESS_REFUSED)
                .description("Connections to subscribers and dead-letter sinks refused by the egress guard")
                .tag(MetricNames.TAG_NAMESPACE, target.trigger().namespace())
                .tag(MetricNames.TAG_TRIGGER, target.trigger().name())
                .register(registry)
                .increment();
    }

    void attempt(DeliveryTarget target, AttemptOutcome outcome) {
        Counter.builder(MetricNames.DELIVERY_ATTEMPTS)
                .description("Delivery attempts to subscribers, by outcome")
                .tag(MetricNames.TAG_NAMESPACE, target.trigger().namespace())
                .tag(MetricNames.TAG_TRIGGER, target.trigger().name())
                .tag(MetricNames.TAG_OUTCOME, outcome.tag())
                .register(registry)
                .increment();
    }

    void dispatchDuration(DeliveryTarget target, int status, Duration elapsed) {
        Timer.builder(MetricNames.DISPATCH_DURATION)
                .description("One delivery attempt to a subscriber, request to complete answer")
                .tag(MetricNames.TAG_KN_BROKER_NAMESPACE, target.broker().namespace())
                .tag(MetricNames.TAG_KN_BROKER_NAME, target.broker().name())
                .tag(MetricNames.TAG_KN_TRIGGER_NAMESPACE, target.trigger().namespace())
                .tag(MetricNames.TAG_KN_TRIGGER_NAME, target.trigger().name())
                .tag(MetricNames.TAG_HTTP_RESPONSE_STATUS_CODE, Integer.toString(status))
                .serviceLevelObjectives(LatencyBuckets.bounds())
                .register(registry)
                .record(elapsed);
    }

    void deadLettered(DeliveryTarget target, Destination destination) {
        Counter.builder(MetricNames.DEAD_LETTERS)
                .description("Events dead-lettered, by where they went")
                .tag(MetricNames.TAG_NAMESPACE, target.trigger().namespace())
                .tag(MetricNames.TAG_TRIGGER, target.trigger().name())
                .tag(MetricNames.TAG_DESTINATION, destination.tag())
                .register(registry)
                .increment();
    }

    void reply(DeliveryTarget target, ReplyResult result) {
        Counter.builder(MetricNames.REPLIES)
                .description("Reply events in subscriber answers, by what became of them")
                .tag(MetricNames.TAG_NAMESPACE, target.trigger().namespace())
                .tag(MetricNames.TAG_TRIGGER, target.trigger().name())
                .tag(MetricNames.TAG_RESULT, result.tag())
                .register(registry)
                .increment();
    }
}
