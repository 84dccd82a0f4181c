package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.DeliveryTarget;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import dev.switchboard.triggers.policy.DeliveryPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a resource set into the bindings the dispatcher runs. Only Ready triggers are bound: a trigger whose
 * broker does not exist or whose subscriber is not resolved ({@code BrokerDoesNotExist},
 * {@code SubscriberNotResolved}, docs/configuration.md) does not dispatch and keeps its consumer group's position.
 */
public final class TriggerBindings {
    private TriggerBindings() {}

    /** The bindings of every Ready trigger, by trigger id, in the set's order. */
    public static Map<ResourceId, TriggerBinding> of(ResourceSet resources) {
        Map<ResourceId, TriggerBinding> bindings = new LinkedHashMap<>();
        for (Trigger trigger : resources.triggers()) {
            TriggerStatus status = resources.status(trigger.id());
            Optional<Broker> broker = resources.broker(trigger.brokerId());
            if (status.isReady() && broker.isPresent() && status.subscriberUri().isPresent()) {
                bindings.put(trigger.id(), bind(trigger, broker.get(), status));
            }
        }
        return bindings;
    }

    /**
     * {@code switchboard.{namespace}.{broker}.{trigger}}: the group whose committed offsets are the trigger's durable
     * position (docs/architecture.md principle 4; it has no members, see {@link TriggerProgress}).
     */
    public static String groupId(ResourceId trigger, String broker) {
        return TopicNames.events(trigger.namespace(), broker) + "." + trigger.name();
    }

    private static TriggerBinding bind(Trigger trigger, Broker broker, TriggerStatus status) {
        String namespace = broker.id().namespace();
        DeliveryPolicy policy = DeliveryPolicy.effective(
                broker.spec().delivery(),
                trigger.spec().delivery(),
                trigger.options().backoffMax());
        DeliveryTarget target = new DeliveryTarget(
                trigger.id(),
                broker.id(),
                status.subscriberUri().orElseThrow(),
                status.deadLetterSinkUri(),
                policy,
                trigger.options(),
                TopicNames.events(broker),
                TopicNames.deadLetters(namespace, broker.id().name()));
        return new TriggerBinding(trigger, groupId(trigger.id(), broker.id().name()), target);
    }
}
