package dev.switchboard.triggers.model;

import static dev.switchboard.triggers.model.ConditionType.BROKER_READY;
import static dev.switchboard.triggers.model.ConditionType.DEAD_LETTER_SINK_RESOLVED;
import static dev.switchboard.triggers.model.ConditionType.DEPENDENCY_READY;
import static dev.switchboard.triggers.model.ConditionType.READY;
import static dev.switchboard.triggers.model.ConditionType.SUBSCRIBER_RESOLVED;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a trigger's Knative-style conditions (docs/configuration.md: a missing broker or an unresolvable
 * {@code subscriber.ref} keeps the trigger, with Ready=False and reason {@code BrokerDoesNotExist} or
 * {@code SubscriberNotResolved}).
 */
public final class TriggerStatusResolver {

    private final DestinationResolver destinations;

    public TriggerStatusResolver(DestinationResolver destinations) {
        this.destinations = destinations;
    }

    /**
     * @param broker the trigger's broker when it exists
     * @param delivery the trigger's effective delivery spec (its own, else its broker's)
     */
    public TriggerStatus resolve(Trigger trigger, Optional<Broker> broker, Optional<DeliverySpec> delivery) {
        String namespace = trigger.metadata().namespace();
        Optional<URI> subscriber = destinations.resolve(trigger.spec().subscriber(), namespace);
        Optional<Destination> sink = delivery.flatMap(DeliverySpec::deadLetterSink);
        Optional<URI> sinkUri = sink.flatMap(d -> destinations.resolve(d, namespace));

        List<Condition> parts = new ArrayList<>();
        parts.add(
                broker.isPresent()
                        ? Condition.isTrue(BROKER_READY, "BrokerExists", "broker " + trigger.brokerId() + " exists")
                        : Condition.isFalse(
                                BROKER_READY,
                                TriggerStatus.BROKER_DOES_NOT_EXIST,
                                "broker " + trigger.brokerId() + " does not exist"));
        parts.add(
                subscriber.isPresent()
                        ? Condition.isTrue(
                                SUBSCRIBER_RESOLVED,
                                "SubscriberResolved",
                                subscriber.get().toString())
                        : Condition.isFalse(
                                SUBSCRIBER_RESOLVED,
                                TriggerStatus.SUBSCRIBER_NOT_RESOLVED,
                                "no entry in refs for "
                                        + describe(trigger.spec().subscriber(), namespace)));
        if (sink.isEmpty()) {
            parts.add(
                    Condition.isTrue(DEAD_LETTER_SINK_RESOLVED, "DeadLetterSinkNotConfigured", "no dead-letter sink"));
        } else if (sinkUri.isPresent()) {
            parts.add(Condition.isTrue(
                    DEAD_LETTER_SINK_RESOLVED,
                    "DeadLetterSinkResolved",
                    sinkUri.get().toString()));
        } else {
            parts.add(Condition.isFalse(
                    DEAD_LETTER_SINK_RESOLVED,
                    TriggerStatus.DEAD_LETTER_SINK_NOT_RESOLVED,
                    "no entry in refs for " + describe(sink.get(), namespace)));
        }
        parts.add(Condition.isTrue(DEPENDENCY_READY, "NoDependency", "the trigger has no dependency to wait for"));

        List<Condition> conditions = new ArrayList<>();
        conditions.add(parts.stream()
                .filter(c -> !c.isTrue())
                .findFirst()
                .map(c -> Condition.isFalse(READY, c.reason(), c.message()))
                .orElse(Condition.isTrue(READY, "Ready", "the trigger is ready")));
        conditions.addAll(parts);
        return new TriggerStatus(conditions, subscriber, sinkUri);
    }

    private static String describe(Destination destination, String namespace) {
        return destination
                .ref()
                .map(ref ->
                        ref.kind() + " " + (ref.namespace() == null ? namespace : ref.namespace()) + "/" + ref.name())
                .orElse("destination");
    }
}
