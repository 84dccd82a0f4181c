package dev.switchboard.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TopicProvisionerIT {
    private final KafkaCluster kafka;
    private final Admin admin;
    private final TopicProvisioner provisioner;

    TopicProvisionerIT(KafkaCluster kafka) {
        this.kafka = kafka;
        this.admin = kafka.admin();
        this.provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void createsTopicWithPartitionsReplicationAndMinInsyncReplicas() throws Exception {
        String topic = kafka.uniqueName("switchboard.default.created");

        ProvisionedTopic outcome = provisioner.ensure(new TopicSpec(topic, 3, (short) 1, 1));

        assertThat(outcome).isEqualTo(new ProvisionedTopic.Created(topic, 3));
        TopicDescription description = describe(topic);
        assertThat(description.partitions()).hasSize(3);
        assertThat(description.partitions().get(0).replicas()).hasSize(1);
        assertThat(topicConfig(topic).get(TopicSpec.MIN_INSYNC_REPLICAS).value())
                .isEqualTo("1");
    }

    @Test
    void appliesFurtherTopicConfigs() throws Exception {
        String topic = kafka.uniqueName("switchboard.default.configured");

        provisioner.ensure(new TopicSpec(topic, 1, (short) 1, 1, Map.of("retention.ms", "3600000")));

        Config config = topicConfig(topic);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(config.get(TopicSpec.MIN_INSYNC_REPLICAS).value()).isEqualTo("1");
    }

    @Test
    void secondCallFindsTheTopicAndChangesNothing() throws Exception {
        String topic = kafka.uniqueName("switchboard.default.twice");
        TopicSpec spec = new TopicSpec(topic, 2, (short) 1, 1);

        provisioner.ensure(spec);
        ProvisionedTopic second = provisioner.ensure(spec);

        assertThat(second).isEqualTo(new ProvisionedTopic.Existing(topic, 2));
        assertThat(describe(topic).partitions()).hasSize(2);
    }

    @Test
    void reportsExistingTopicWithMorePartitionsAsExisting() {
        String topic = kafka.uniqueName("switchboard.default.larger");
        provisioner.ensure(new TopicSpec(topic, 4, (short) 1, 1));

        assertThat(provisioner.ensure(new TopicSpec(topic, 2, (short) 1, 1)))
                .isEqualTo(new ProvisionedTopic.Existing(topic, 4));
    }

    @Test
    void reportsUndersizedTopicWithoutAddingPartitions() throws Exception {
        String topic = kafka.uniqueName("switchboard.default.undersized");
        provisioner.ensure(new TopicSpec(topic, 1, (short) 1, 1));

        ProvisionedTopic outcome = provisioner.ensure(new TopicSpec(topic, 3, (short) 1, 1));

        assertThat(outcome)
                .isEqualTo(new ProvisionedTopic.Differing(topic, 1, List.of("it has 1 partitions, not 3 as asked")));
        assertThat(describe(topic).partitions()).hasSize(1);
    }

    @Test
    void ensuresSeveralTopicsInOrder() {
        String existing = kafka.uniqueName("switchboard.default.events");
        String missing = kafka.uniqueName("switchboard.default.events.dlq");
        provisioner.ensure(new TopicSpec(existing, 2, (short) 1, 1));

        List<ProvisionedTopic> outcomes = provisioner.ensureAll(
                List.of(new TopicSpec(missing, 1, (short) 1, 1), new TopicSpec(existing, 2, (short) 1, 1)));

        assertThat(outcomes)
                .containsExactly(new ProvisionedTopic.Created(missing, 1), new ProvisionedTopic.Existing(existing, 2));
    }

    @Test
    void failsClearlyWhenReplicationFactorExceedsTheCluster() {
        String topic = kafka.uniqueName("switchboard.default.replicated");

        assertThatThrownBy(() -> provisioner.ensure(new TopicSpec(topic, 1, (short) 3, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic)
                .hasCauseInstanceOf(InvalidReplicationFactorException.class);
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get();
    }

    private Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
