package dev.switchboard.broker.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How this process's cursors reach Kafka.
 *
 * @param bootstrapServers the Kafka cluster
 * @param consumerOverrides the server config's raw {@code kafka.consumer} properties
 * @param instanceId this process's static member id in every trigger's group ({@link ProcessIdentity})
 * @param kafkaTimeout bound on positioning a new trigger's group
 */
public record CursorSettings(
        String bootstrapServers, Map<String, String> consumerOverrides, String instanceId, Duration kafkaTimeout) {

    public CursorSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        consumerOverrides = Map.copyOf(consumerOverrides);
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
    }
}
