package dev.switchboard.broker.dispatch;

import dev.switchboard.triggers.model.ResourceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens the cursors of a trigger (the seam the dispatcher reconciles through). */
public interface CursorFactory {

    /**
     * Opens a positioned cursor: when this returns, the trigger's start position is committed, so every event
     * accepted from now on reaches it (docs/delivery.md "New trigger").
     *
     * @throws RuntimeException when the position cannot be established (Kafka unreachable)
     */
    TriggerCursor open(TriggerBinding binding);

    /**
     * Opens many positioned cursors at once (a thousand triggers at startup); the same as {@link #open} for each,
     * which is what it does unless the factory can do better.
     *
     * @return the cursors, by trigger, in the order given
     */
    default Map<ResourceId, TriggerCursor> openAll(List<TriggerBinding> bindings) {
        Map<ResourceId, TriggerCursor> opened = new LinkedHashMap<>();
        bindings.forEach(binding -> opened.put(binding.id(), open(binding)));
        return opened;
    }

    /** Releases what the factory shares between cursors; called once every cursor it opened has stopped. */
    default void close() {}
}
