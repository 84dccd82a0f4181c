package dev.switchboard.broker.testing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * Handle on the Kafka cluster shared by the test run: where it is, and names no other test uses.
 * Tests never stop it; {@link KafkaExtension} does at the end of the run.
 */
public final class KafkaCluster implements AutoCloseable {
    private final String bootstrapServers;
    private final AutoCloseable owner;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong names = new AtomicLong();

    /**
     * @param bootstrapServers where clients connect
     * @param owner what stops the cluster when the run ends
     */
    KafkaCluster(String bootstrapServers, AutoCloseable owner) {
        this.bootstrapServers = bootstrapServers;
        this.owner = owner;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * A topic or consumer-group name no other call in this run returned, e.g. {@code
     * ingress-3f2a9c1e-7}; legal as a Kafka topic name when the prefix is.
     */
    public String uniqueName(String prefix) {
        return prefix + "-" + runId + "-" + names.incrementAndGet();
    }

    /** Client properties with the bootstrap servers set, to extend with client specifics. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers + "]";
    }
}
