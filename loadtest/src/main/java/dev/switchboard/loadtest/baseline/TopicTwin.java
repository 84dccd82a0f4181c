package dev.switchboard.loadtest.baseline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A topic made like another: same partition count, replication factor and every config set on the topic
 * itself ({@code min.insync.replicas}, {@code max.message.bytes}, ...), so the raw baseline writes to a
 * topic with the settings of Switchboard's broker topic without writing into the broker's own log.
 *
 * @param configs the topic-level configs copied
 */
public record TopicTwin(
        String name, String copiedFrom, int partitions, short replicationFactor, Map<String, String> configs) {
    private static final long TIMEOUT_SECONDS = 30;

    public TopicTwin {
        configs = Map.copyOf(configs);
    }

    /** Creates {@code twin} like {@code source}, which must exist. */
    public static TopicTwin create(Admin admin, String source, String twin)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(source))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(source);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, source);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(resource);
        Map<String, String> topicLevel = new TreeMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                topicLevel.put(entry.name(), entry.value());
            }
        }
        int partitions = description.partitions().size();
        short replicationFactor =
                (short) description.partitions().get(0).replicas().size();
        admin.createTopics(List.of(new NewTopic(twin, partitions, replicationFactor).configs(topicLevel)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new TopicTwin(twin, source, partitions, replicationFactor, topicLevel);
    }
}
