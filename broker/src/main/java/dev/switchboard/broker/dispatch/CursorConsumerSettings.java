package dev.switchboard.broker.dispatch;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka consumer properties of one cursor. The server config's raw {@code kafka.consumer} properties
 * override the defaults, except what the commit rule depends on: the group, the static member id, manual
 * commits and the deserializers.
 *
 * <ul>
 *   <li>{@code enable.auto.commit=false}: offsets are committed contiguously by the cursor (ARCHITECTURE 4);
 *   <li>{@code auto.offset.reset=earliest}: only reached when a committed position fell out of retention,
 *       where re-reading beats skipping (SPEC §5 "Guarantee");
 *   <li>cooperative-sticky assignment: a rebalance revokes only partitions that move, the others keep
 *       delivering;
 *   <li>{@code group.instance.id}: static membership, see {@link ProcessIdentity}.
 * </ul>
 */
final class CursorConsumerSettings {
    private CursorConsumerSettings() {}

    static Map<String, Object> of(
            String bootstrapServers, Map<String, String> overrides, String groupId, String instanceId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.putAll(overrides);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
