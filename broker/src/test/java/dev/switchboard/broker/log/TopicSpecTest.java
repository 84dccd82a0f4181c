package dev.switchboard.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicSpecTest {

    @ParameterizedTest(name = "partitions={0} rf={1} minIsr={2}")
    @CsvSource({"0, 1, 1", "-1, 1, 1", "1, 0, 1", "1, 1, 0", "1, 1, 2", "3, 3, 4"})
    void rejectsImpossibleSizes(int partitions, short replicationFactor, int minInsyncReplicas) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TopicSpec("events", partitions, replicationFactor, minInsyncReplicas));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "has space", "slash/topic", "ümlaut"})
    void rejectsIllegalTopicNames(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicSpec(name, 1, (short) 1, 1));
    }

    @Test
    void rejectsTopicNamesLongerThan249Characters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicSpec("a".repeat(250), 1, (short) 1, 1));
        assertThat(new TopicSpec("a".repeat(249), 1, (short) 1, 1).name()).hasSize(249);
    }

    @Test
    void rejectsMinInsyncReplicasGivenAsAConfig() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TopicSpec("events", 1, (short) 1, 1, Map.of("min.insync.replicas", "1")));
    }

    @Test
    void topicConfigsIncludeMinInsyncReplicas() {
        TopicSpec spec = new TopicSpec("switchboard.default.events", 6, (short) 3, 2, Map.of("retention.ms", "1000"));

        assertThat(spec.topicConfigs())
                .containsOnly(Map.entry("min.insync.replicas", "2"), Map.entry("retention.ms", "1000"));
    }
}
