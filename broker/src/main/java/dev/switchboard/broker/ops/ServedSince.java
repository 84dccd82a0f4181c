package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.reload.Generation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When this process started serving each Broker and Trigger (docs/operations.md {@code status.servedSince}, the
 * CLI's AGE column): the time the first generation holding it was applied. A changed resource keeps its time, as
 * Kubernetes keeps {@code creationTimestamp} across updates; a removed one forgets it, so one re-created under the
 * same name starts again.
 *
 * <p>Followed from every applied reload and, lazily, before every API read (the generation served at start has no
 * reload); a generation already followed costs one comparison.
 */
final class ServedSince {
    private final Map<String, Instant> since = new HashMap<>();
    private long followed;

    synchronized void follow(Generation current) {
        if (current.number() <= followed) {
            return;
        }
        Map<String, Instant> kept = new HashMap<>();
        current.resources().brokers().forEach(broker -> keep(kept, "Broker", broker.id(), current));
        current.resources().triggers().forEach(trigger -> keep(kept, "Trigger", trigger.id(), current));
        since.clear();
        since.putAll(kept);
        followed = current.number();
    }

    synchronized Optional<Instant> of(String kind, ResourceId id) {
        return Optional.ofNullable(since.get(key(kind, id)));
    }

    private void keep(Map<String, Instant> kept, String kind, ResourceId id, Generation current) {
        String key = key(kind, id);
        kept.put(key, since.getOrDefault(key, current.appliedAt()));
    }

    private static String key(String kind, ResourceId id) {
        return kind + "/" + id;
    }
}
