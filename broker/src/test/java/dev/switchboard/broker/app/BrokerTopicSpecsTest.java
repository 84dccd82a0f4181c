package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.BrokerOptions;
import dev.switchboard.triggers.model.BrokerSpec;
import dev.switchboard.triggers.model.ObjectMeta;
import dev.switchboard.triggers.model.Retention;
import dev.switchboard.triggers.model.TopicOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/configuration.md "Broker topics": annotations first, then the server config; what was asked for is checked. */
class BrokerTopicSpecsTest {
    private final BrokerTopicSpecs specs = new BrokerTopicSpecs(config());

    @Test
    void withoutAnnotationsTheConfigDecidesAndDeadLettersAreKeptForever() {
        Broker broker = broker(TopicOptions.defaults());

        TopicSpec events = specs.events(broker);
        TopicSpec deadLetters = specs.deadLetters(broker);

        assertThat(events.name()).isEqualTo("switchboard.team.orders");
        assertThat(events.partitions()).isEqualTo(12);
        assertThat(events.replicationFactor()).isEqualTo((short) 3);
        assertThat(events.minInsyncReplicas()).isEqualTo(2);
        assertThat(events.configs()).doesNotContainKey("retention.ms");
        assertThat(events.checked()).isEqualTo(TopicSpec.Checked.AT_LEAST_PARTITIONS);
        assertThat(deadLetters.name()).isEqualTo("switchboard.team.orders.dlq");
        assertThat(deadLetters.configs()).containsEntry("retention.ms", "-1");
        assertThat(deadLetters.checked()).isEqualTo(new TopicSpec.Checked(false, false, Set.of("retention.ms")));
    }

    @Test
    void annotationsWinAreCheckedAndCapMinInsyncReplicas() {
        Broker broker = broker(new TopicOptions(
                OptionalInt.of(4),
                OptionalInt.of(1),
                Optional.of(Retention.of(Duration.ofDays(7))),
                Retention.of(Duration.ofDays(30)),
                Optional.of("orders.v1")));

        TopicSpec events = specs.events(broker);

        assertThat(events.name()).isEqualTo("orders.v1");
        assertThat(events.partitions()).isEqualTo(4);
        assertThat(events.replicationFactor()).isEqualTo((short) 1);
        assertThat(events.minInsyncReplicas()).isEqualTo(1);
        assertThat(events.configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        assertThat(events.checked()).isEqualTo(new TopicSpec.Checked(true, true, Set.of("retention.ms")));
        assertThat(specs.deadLetters(broker).name()).isEqualTo("switchboard.team.orders.dlq");
        assertThat(specs.deadLetters(broker).configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(30).toMillis()));
    }

    private static Broker broker(TopicOptions topic) {
        return new Broker(
                ObjectMeta.of("team", "orders"),
                BrokerSpec.empty(),
                new BrokerOptions(AuthMode.NONE, List.of(), false, topic));
    }

    private static ServerConfig config() {
        try {
            return new ConfigLoader()
                    .load(Optional.empty(), Map.of(), Map.of("kafka.bootstrapServers", "127.0.0.1:9092"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
