package dev.switchboard.broker.dispatch;

import dev.switchboard.triggers.model.ResourceId;

/** The trigger named in a replay or redrive is not dispatching here (unknown, or not Ready). */
public final class UnknownTriggerException extends RuntimeException {
    private final transient ResourceId trigger;

    public UnknownTriggerException(ResourceId trigger) {
        super("no dispatching trigger " + trigger);
        this.trigger = trigger;
    }

    public ResourceId trigger() {
        return trigger;
    }
}
