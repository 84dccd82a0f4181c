package dev.switchboard.broker.dispatch;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka consumer properties of the dispatch stage's readers. The server config's raw {@code kafka.consumer}
 * properties override the defaults, except what the commit rule depends on: the group, the static member id,
 * manual commits, where reading starts, and the deserializers.
 *
 * <ul>
 *   <li>{@code enable.auto.commit=false}: each trigger's progress is written contiguously (docs/architecture.md principle 4);
 *   <li>the shared reader and the catch-up readers use {@code auto.offset.reset=none}: they always seek to a
 *       trigger's position, and a position that retention deleted must be seen, counted and logged (docs/delivery.md
 *       "Retention"), never silently reset;
 *   <li>cooperative-sticky assignment: a rebalance revokes only partitions that move, the others keep
 *       delivering;
 *   <li>{@code group.instance.id}: static membership, see {@link ProcessIdentity}.
 * </ul>
 */
final class CursorConsumerSettings {
    private CursorConsumerSettings() {}

    /** A group member with manual commits (the redrive of parked dead letters). */
    static Map<String, Object> of(
            String bootstrapServers, Map<String, String> overrides, String groupId, String instanceId) {
        Map<String, Object> props = base(bootstrapServers, overrides);
        props.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                overrides.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId);
        return props;
    }

    /** The shared reader of a broker: a static member of the broker's group, which only divides partitions. */
    static Map<String, Object> sharedReader(
            String bootstrapServers, Map<String, String> overrides, String groupId, String instanceId) {
        Map<String, Object> props = of(bootstrapServers, overrides, groupId, instanceId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return props;
    }

    /** A catch-up reader: assigned partitions, no group (it never commits; the trigger's progress is written aside). */
    static Map<String, Object> catchUpReader(String bootstrapServers, Map<String, String> overrides, String clientId) {
        Map<String, Object> props = base(bootstrapServers, overrides);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    private static Map<String, Object> base(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.putAll(overrides);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
