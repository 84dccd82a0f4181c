package dev.switchboard.broker.dispatch;

/** Opens the cursors of a trigger (the seam the dispatcher reconciles through). */
public interface CursorFactory {

    /**
     * Opens a positioned cursor: when this returns, the trigger's start position is committed, so every event
     * accepted from now on reaches it (SPEC §5 "New trigger").
     *
     * @throws RuntimeException when the position cannot be established (Kafka unreachable)
     */
    TriggerCursor open(TriggerBinding binding);

    /** Releases what the factory shares between cursors; called once every cursor it opened has stopped. */
    default void close() {}
}
