package dev.switchboard.broker.log;

/** The Kafka topics of a broker (docs/ingress.md, docs/delivery.md): its event log and its dead-letter topic. */
public final class TopicNames {
    private TopicNames() {}

    /** {@code switchboard.{namespace}.{broker}}. */
    public static String events(String namespace, String broker) {
        return "switchboard." + namespace + "." + broker;
    }

    /** {@code switchboard.{namespace}.{broker}.dlq}. */
    public static String deadLetters(String namespace, String broker) {
        return events(namespace, broker) + ".dlq";
    }
}
