package dev.switchboard.broker.log;

import dev.switchboard.triggers.model.Broker;

/**
 * The Kafka topics of a broker (docs/ingress.md, docs/delivery.md, docs/configuration.md "External topics"): its event
 * log and its dead-letter topic.
 */
public final class TopicNames {
    private TopicNames() {}

    /** {@code switchboard.{namespace}.{broker}}. */
    public static String events(String namespace, String broker) {
        return "switchboard." + namespace + "." + broker;
    }

    /**
     * The topic the broker's events are in: its {@code kafka.eventing.knative.dev/external.topic} when it has one, else
     * {@link #events(String, String)}.
     */
    public static String events(Broker broker) {
        return broker.options()
                .topic()
                .externalTopic()
                .orElseGet(() -> events(broker.id().namespace(), broker.id().name()));
    }

    /** {@code switchboard.{namespace}.{broker}.dlq}. */
    public static String deadLetters(String namespace, String broker) {
        return events(namespace, broker) + ".dlq";
    }
}
