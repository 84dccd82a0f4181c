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
 * {@code SubscriberNotResolved}), and credentials named for the subscriber or the dead-letter sink that the
 * server does not define make it Ready=False, reason {@code SubscriberAuthNotFound} (docs/security.md).
 */
public final class TriggerStatusResolver {

    private final DestinationResolver destinations;
    private final EgressAuthCatalog credentials;

    public TriggerStatusResolver(DestinationResolver destinations) {
        this(destinations, EgressAuthCatalog.UNCHECKED);
    }

    /** @param credentials the server's {@code egressAuth} entries, for {@code SubscriberAuthNotFound} (docs/security.md) */
    public TriggerStatusResolver(DestinationResolver destinations, EgressAuthCatalog credentials) {
        this.destinations = destinations;
        this.credentials = credentials;
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
        Optional<String> subscriberAuth = authProblem(trigger.options().subscriberAuth(), "subscriber-auth");
        if (subscriber.isEmpty()) {
            parts.add(Condition.isFalse(
                    SUBSCRIBER_RESOLVED,
                    TriggerStatus.SUBSCRIBER_NOT_RESOLVED,
                    "no entry in refs for " + describe(trigger.spec().subscriber(), namespace)));
        } else if (subscriberAuth.isPresent()) {
            parts.add(Condition.isFalse(
                    SUBSCRIBER_RESOLVED, TriggerStatus.SUBSCRIBER_AUTH_NOT_FOUND, subscriberAuth.get()));
        } else {
            parts.add(Condition.isTrue(
                    SUBSCRIBER_RESOLVED, "SubscriberResolved", subscriber.get().toString()));
        }
        Optional<String> sinkAuth = sink.isEmpty()
                ? Optional.empty()
                : authProblem(trigger.options().deadLetterAuth(), "dead-letter-auth");
        if (sinkAuth.isPresent()) {
            parts.add(Condition.isFalse(
                    DEAD_LETTER_SINK_RESOLVED, TriggerStatus.SUBSCRIBER_AUTH_NOT_FOUND, sinkAuth.get()));
        } else if (sink.isEmpty()) {
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

    /** The message of {@code SubscriberAuthNotFound}: names the entry, never a credential. */
    private Optional<String> authProblem(Optional<EgressAuthRef> ref, String annotation) {
        return ref.flatMap(r -> credentials
                .problem(r)
                .map(problem -> "switchboard.dev/" + annotation + " (or audience) names egressAuth entry '" + r.name()
                        + "': " + problem));
    }

    private static String describe(Destination destination, String namespace) {
        return destination
                .ref()
                .map(ref ->
                        ref.kind() + " " + (ref.namespace() == null ? namespace : ref.namespace()) + "/" + ref.name())
                .orElse("destination");
    }
}
