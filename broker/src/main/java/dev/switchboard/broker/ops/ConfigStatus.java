package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.reload.Generation;
import dev.switchboard.triggers.reload.ReloadResult;
import dev.switchboard.triggers.reload.ResourceReloader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the ops API reads about the served configuration: the current generation (number and resource set),
 * the last reload's result (docs/operations.md {@code /api/v1/status}) and what was found of each broker's topics.
 *
 * @param current the generation being served
 * @param lastReload the last applied or rejected reload, empty until the first
 * @param topics each broker's topics as found in Kafka (its {@code TopicReady} and {@code TopicSettingsMatch}
 *     conditions)
 */
public record ConfigStatus(
        Supplier<Generation> current,
        Supplier<Optional<ReloadResult>> lastReload,
        Function<ResourceId, BrokerTopicState> topics) {

    public ConfigStatus {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(lastReload, "lastReload");
        Objects.requireNonNull(topics, "topics");
    }

    /** Reads a live reloader; every broker's topics as asked. */
    public static ConfigStatus of(ResourceReloader reloader) {
        return new ConfigStatus(reloader::current, reloader::lastResult, broker -> BrokerTopicState.AS_ASKED);
    }

    /** The same, with the brokers' topics as {@code topics} found them. */
    public ConfigStatus withTopics(Function<ResourceId, BrokerTopicState> topics) {
        return new ConfigStatus(current, lastReload, topics);
    }

    public ResourceSet resources() {
        return current.get().resources();
    }
}
