package dev.switchboard.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * How an existing topic differs from its {@link TopicSpec} in what the spec checks ({@link TopicSpec.Checked}): one
 * sentence per setting, empty when it matches.
 */
final class TopicDifferences {
    private TopicDifferences() {}

    /**
     * @param config the topic's configs, as described (only the spec's checked configs are read); empty when they
     *     could not be read, and then not compared
     */
    static List<String> of(TopicSpec spec, TopicDescription description, Optional<Config> config) {
        List<String> differences = new ArrayList<>();
        int partitions = description.partitions().size();
        if (partitions < spec.partitions() || (spec.checked().exactPartitions() && partitions != spec.partitions())) {
            differences.add("it has " + partitions + " partitions, not " + spec.partitions() + " as asked");
        }
        int replicas = description.partitions().isEmpty()
                ? 0
                : description.partitions().get(0).replicas().size();
        if (spec.checked().replicationFactor() && replicas != spec.replicationFactor()) {
            differences.add(
                    "its replication factor is " + replicas + ", not " + spec.replicationFactor() + " as asked");
        }
        for (String key : config.isEmpty()
                ? List.<String>of()
                : spec.checked().configs().stream().sorted().toList()) {
            ConfigEntry entry = config.get().get(key);
            String actual = entry == null ? null : entry.value();
            String asked = spec.configs().get(key);
            if (!asked.equals(actual)) {
                differences.add(key + " is " + actual + ", not " + asked + " as asked");
            }
        }
        return List.copyOf(differences);
    }
}
