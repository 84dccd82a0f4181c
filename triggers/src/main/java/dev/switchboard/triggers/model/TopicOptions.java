package dev.switchboard.triggers.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A broker's settings for its Kafka topics, from its annotations (docs/configuration.md "Broker annotations"). Unset
 * values fall back to the server config ({@code kafka.partitions}, {@code kafka.replicationFactor}) or, for the event
 * topic's retention, to the cluster's default.
 *
 * @param partitions {@code switchboard.dev/partitions}, for the event and the dead-letter topic
 * @param replicationFactor {@code switchboard.dev/replication-factor}, for both topics
 * @param retention {@code switchboard.dev/retention}, for the event topic; empty = the cluster's default
 * @param deadLetterRetention {@code switchboard.dev/dlq-retention}, for the dead-letter topic; default infinite
 * @param externalTopic Knative's {@code kafka.eventing.knative.dev/external.topic}: an existing topic backs the
 *     broker, Switchboard neither creates nor deletes it
 */
public record TopicOptions(
        OptionalInt partitions,
        OptionalInt replicationFactor,
        Optional<Retention> retention,
        Retention deadLetterRetention,
        Optional<String> externalTopic) {

    public TopicOptions {
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
        Objects.requireNonNull(externalTopic, "externalTopic");
    }

    /** No annotation: server defaults, cluster retention, dead letters kept forever, a topic of Switchboard's own. */
    public static TopicOptions defaults() {
        return new TopicOptions(
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Retention.infinite(), Optional.empty());
    }
}
