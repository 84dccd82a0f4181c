package dev.switchboard.broker.log;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The admin client's configuration: the server config's {@code kafka.client} properties (docs/configuration.md: security,
 * config providers, timeouts), then the bootstrap servers and the client id, which Switchboard decides.
 */
public final class KafkaAdminSettings {
    private KafkaAdminSettings() {}

    public static Map<String, Object> of(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-admin");
        return props;
    }
}
