package dev.switchboard.broker.dispatch;

/** Opens the cursor of a trigger (the seam the dispatcher reconciles through). */
@FunctionalInterface
public interface CursorFactory {

    /**
     * Opens a positioned cursor: when this returns, the trigger's start position is committed, so every event
     * accepted from now on reaches it (SPEC §5 "New trigger").
     *
     * @throws RuntimeException when the position cannot be established (Kafka unreachable)
     */
    TriggerCursor open(TriggerBinding binding);
}
