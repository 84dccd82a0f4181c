package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.TriggerOptions;
import dev.switchboard.triggers.policy.DeliveryPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * Everything one trigger's deliveries need, resolved from the served resource set: where to send, how
 * to retry, where dead letters and replies go.
 *
 * @param trigger the trigger
 * @param broker the trigger's broker
 * @param subscriber the resolved subscriber URL
 * @param deadLetterSink the resolved dead-letter sink URL, if the effective delivery spec names one
 * @param policy the effective delivery policy (trigger's spec, else broker's, else defaults)
 * @param options the trigger's typed annotations (reply mode, limits, order...)
 * @param brokerTopic the broker's event topic, where replies are published
 * @param deadLetterTopic the broker's {@code .dlq} topic, where events are parked when no sink takes them
 */
public record DeliveryTarget(
        ResourceId trigger,
        ResourceId broker,
        URI subscriber,
        Optional<URI> deadLetterSink,
        DeliveryPolicy policy,
        TriggerOptions options,
        String brokerTopic,
        String deadLetterTopic) {}
