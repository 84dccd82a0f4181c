package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.Retention;
import dev.switchboard.triggers.model.TopicOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/configuration.md "Broker annotations": a broker's topic settings and Knative's external topic, parsed, and every
 * bad value reported at its file:line:column.
 */
class BrokerTopicAnnotationsTest {
    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void readsEveryTopicSetting() {
        TopicOptions topic = options("""
                    switchboard.dev/partitions: "6"
                    switchboard.dev/replication-factor: "3"
                    switchboard.dev/retention: P7D
                    switchboard.dev/dlq-retention: PT12H
                    kafka.eventing.knative.dev/external.topic: orders.v1
                """);

        assertThat(topic)
                .isEqualTo(new TopicOptions(
                        OptionalInt.of(6),
                        OptionalInt.of(3),
                        Optional.of(Retention.of(Duration.ofDays(7))),
                        Retention.of(Duration.ofHours(12)),
                        Optional.of("orders.v1")));
    }

    @Test
    void defaultsKeepDeadLettersForeverAndLeaveTheRestToTheServerAndCluster() {
        TopicOptions topic = options("    switchboard.dev/auth: none\n");

        assertThat(topic).isEqualTo(TopicOptions.defaults());
        assertThat(topic.deadLetterRetention().kafkaMillis()).isEqualTo(-1);
        assertThat(topic.retention()).isEmpty();
    }

    @Test
    void infiniteRetentionIsMinusOneForKafka() {
        TopicOptions topic = options("    switchboard.dev/retention: infinite\n");

        assertThat(topic.retention()).contains(Retention.infinite());
        assertThat(topic.retention().orElseThrow().kafkaMillis()).isEqualTo(-1);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("switchboard.dev/partitions", "\"many\"", "expected a positive integer"),
                Arguments.of("switchboard.dev/partitions", "\"0\"", "expected a positive integer"),
                Arguments.of("switchboard.dev/partitions", "\"-3\"", "expected a positive integer"),
                Arguments.of("switchboard.dev/replication-factor", "\"0\"", "expected a positive integer"),
                Arguments.of("switchboard.dev/replication-factor", "\"40000\"", "at most 32767"),
                Arguments.of("switchboard.dev/replication-factor", "two", "expected a positive integer"),
                Arguments.of("switchboard.dev/retention", "7 days", "is not an ISO-8601 duration"),
                Arguments.of("switchboard.dev/retention", "PT0S", "is zero"),
                Arguments.of("switchboard.dev/retention", "-P1D", "must not be negative"),
                Arguments.of("switchboard.dev/retention", "P1M", "years and months are not supported"),
                Arguments.of("switchboard.dev/dlq-retention", "forever", "or \"infinite\""),
                Arguments.of("kafka.eventing.knative.dev/external.topic", "\"orders/v1\"", "expected a Kafka topic"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badValues")
    void reportsBadValueAtItsPlace(String key, String value, String message) {
        LoadResult result = loader.loadString("brokers.yaml", broker("    " + key + ": " + value + "\n"), List.of());

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("brokers.yaml");
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.column()).as("column of the value").isEqualTo(4 + key.length() + 2 + 1);
            assertThat(error.path()).isEqualTo("metadata.annotations[" + key + "]");
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void topicAnnotationOnATriggerIsAnError() {
        LoadResult result = loader.loadString(
                "t.yaml", ResourceLoaderErrorsTest.annotated("switchboard.dev/partitions: \"3\""), List.of());

        assertThat(result.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .contains("switchboard.dev/partitions does not apply to a Trigger"));
    }

    private TopicOptions options(String annotations) {
        LoadResult result = loader.loadString("brokers.yaml", broker(annotations), List.of());
        assertThat(result.errors()).isEmpty();
        return ((LoadResult.Valid) result)
                .resources()
                .broker(new ResourceId("default", "orders"))
                .orElseThrow()
                .options()
                .topic();
    }

    /** A Broker {@code default/orders} whose annotations (from line 6, column 5) are {@code annotations}. */
    private static String broker(String annotations) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: orders
                  annotations:
                """ + annotations;
    }
}
