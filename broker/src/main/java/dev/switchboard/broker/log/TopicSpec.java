package dev.switchboard.broker.log;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Switchboard topic must look like: its name, partition count, replication factor and
 * {@code min.insync.replicas}, plus any further topic configs (retention and the rest are left to
 * the cluster defaults unless given here).
 *
 * @param name a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249 characters)
 * @param partitions at least 1
 * @param replicationFactor at least 1
 * @param minInsyncReplicas between 1 and {@code replicationFactor}
 * @param configs further topic configs; must not repeat {@code min.insync.replicas}
 * @param checked what an existing topic is compared with (docs/configuration.md "Broker annotations")
 */
public record TopicSpec(
        String name,
        int partitions,
        short replicationFactor,
        int minInsyncReplicas,
        Map<String, String> configs,
        Checked checked) {
    /** The topic config key that {@link #minInsyncReplicas()} sets. */
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a legal Kafka topic name: '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1: " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                    + replicationFactor + ": " + minInsyncReplicas);
        }
        configs = Map.copyOf(configs);
        if (configs.containsKey(MIN_INSYNC_REPLICAS)) {
            throw new IllegalArgumentException("give min.insync.replicas as minInsyncReplicas, not in configs");
        }
        Objects.requireNonNull(checked, "checked");
        if (!configs.keySet().containsAll(checked.configs())) {
            throw new IllegalArgumentException("checked configs " + checked.configs() + " must be among " + configs);
        }
    }

    /** A topic whose existing copy is checked for partitions only (at least as many as asked). */
    public TopicSpec(
            String name, int partitions, short replicationFactor, int minInsyncReplicas, Map<String, String> configs) {
        this(name, partitions, replicationFactor, minInsyncReplicas, configs, Checked.AT_LEAST_PARTITIONS);
    }

    /** A topic with no configs beyond {@code min.insync.replicas}. */
    public TopicSpec(String name, int partitions, short replicationFactor, int minInsyncReplicas) {
        this(name, partitions, replicationFactor, minInsyncReplicas, Map.of());
    }

    /** Every topic config to create the topic with, {@code min.insync.replicas} included. */
    public Map<String, String> topicConfigs() {
        var all = new HashMap<>(configs);
        all.put(MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
        return Map.copyOf(all);
    }

    /**
     * What an existing topic must match, else it is reported ({@link ProvisionedTopic.Differing}) and left as it is.
     * It always needs at least the partitions asked for.
     *
     * @param exactPartitions exactly the partitions asked for (they were set explicitly), not merely as many
     * @param replicationFactor the replication factor asked for
     * @param configs these topic configs with the values of {@link #configs()}
     */
    public record Checked(boolean exactPartitions, boolean replicationFactor, Set<String> configs) {
        /** Only at least the partitions asked for. */
        public static final Checked AT_LEAST_PARTITIONS = new Checked(false, false, Set.of());

        public Checked {
            configs = Set.copyOf(configs);
        }
    }
}
