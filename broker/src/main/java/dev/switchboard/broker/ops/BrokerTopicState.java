package dev.switchboard.broker.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was found of a broker's Kafka topics (docs/configuration.md "Broker annotations", "External topics"), as its
 * conditions in {@code /api/v1/brokers} show it: an external topic that does not exist makes the broker not Ready
 * ({@code TopicNotFound}); settings that differ from the annotations are a warning ({@code TopicSettingsDiffer}).
 *
 * @param missingTopic the external topic that does not exist
 * @param differences one sentence per setting that differs, naming the topic
 */
public record BrokerTopicState(Optional<String> missingTopic, List<String> differences) {
    public static final BrokerTopicState AS_ASKED = new BrokerTopicState(Optional.empty(), List.of());

    public BrokerTopicState {
        Objects.requireNonNull(missingTopic, "missingTopic");
        differences = List.copyOf(differences);
    }
}
