package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code switchboard forget}: drops a removed trigger's stored progress, never one a server still serves. */
@ExtendWith(KafkaExtension.class)
class ForgetCommandIT {
    private final KafkaCluster kafka;
    private final Vertx vertx = Vertx.vertx();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    ForgetCommandIT(KafkaCluster kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void dropsBothConsumerGroupsOfARemovedTriggerAndSaysSoWhenThereIsNothingLeft() throws Exception {
        String namespace = kafka.uniqueName("forget");
        String group = "switchboard." + namespace + ".b.gone";
        try (Admin admin = kafka.admin()) {
            storePosition(admin, group, namespace);
            storePosition(admin, group + ".redrive", namespace);

            int code = forget(namespace + "/gone", "http://127.0.0.1:1");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("deleted consumer group " + group + "\n")
                    .contains("deleted consumer group " + group + ".redrive");
            assertThat(groups(admin)).doesNotContain(group, group + ".redrive");
            assertThat(forget(namespace + "/gone", "http://127.0.0.1:1")).isZero();
            assertThat(out.toString()).contains("no consumer group " + group + " (nothing stored)");
        }
    }

    @Test
    void refusesWhileARunningServerStillServesTheTrigger() throws Exception {
        String namespace = kafka.uniqueName("forget");
        String group = "switchboard." + namespace + ".b.kept";
        HttpServer ops = vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("content-type", "application/json")
                        .end("{\"items\": [{\"metadata\": {\"namespace\": \"" + namespace
                                + "\", \"name\": \"kept\"}}]}"))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        try (Admin admin = kafka.admin()) {
            storePosition(admin, group, namespace);

            int code = forget(namespace + "/kept", "http://127.0.0.1:" + ops.actualPort());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("is still served");
            assertThat(groups(admin)).contains(group);
        }
    }

    private int forget(String trigger, String ops) {
        return Main.execute(
                new String[] {"forget", trigger, "--broker", "b", "--kafka", kafka.bootstrapServers(), "--ops", ops},
                Map.of(),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    private static void storePosition(Admin admin, String group, String namespace) throws Exception {
        String topic = "switchboard." + namespace + ".b";
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        // a topic just created is not known to the group coordinator at once: it answers UnknownTopicOrPartition
        // until its metadata arrived
        await().atMost(Duration.ofMinutes(1))
                .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                .until(() -> {
                    admin.alterConsumerGroupOffsets(
                                    group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                    return true;
                });
    }

    private static Set<String> groups(Admin admin) throws Exception {
        return Set.copyOf(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .toList());
    }
}
