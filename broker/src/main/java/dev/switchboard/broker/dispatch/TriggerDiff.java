package dev.switchboard.broker.dispatch;

import dev.switchboard.triggers.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a reload changes for the dispatcher (docs/architecture.md principle 7, "reconciles by diff"): triggers to
 * start, triggers whose binding changed, triggers to stop. Triggers with an equal binding are in none of the
 * lists and keep delivering untouched.
 */
record TriggerDiff(List<TriggerBinding> added, List<TriggerBinding> changed, List<ResourceId> removed) {

    TriggerDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    static TriggerDiff between(Map<ResourceId, TriggerBinding> running, Map<ResourceId, TriggerBinding> next) {
        List<TriggerBinding> added = new ArrayList<>();
        List<TriggerBinding> changed = new ArrayList<>();
        List<ResourceId> removed = new ArrayList<>();
        next.forEach((id, binding) -> {
            TriggerBinding current = running.get(id);
            if (current == null) {
                added.add(binding);
            } else if (!current.equals(binding)) {
                changed.add(binding);
            }
        });
        running.keySet().stream().filter(id -> !next.containsKey(id)).forEach(removed::add);
        return new TriggerDiff(added, changed, removed);
    }

    boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
