package dev.switchboard.triggers.model;

import java.util.Objects;

/** A Knative {@code eventing.knative.dev/v1} Trigger: a filter over one broker's events and a subscriber. */
public record Trigger(ObjectMeta metadata, TriggerSpec spec, TriggerOptions options) {

    public Trigger {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
    }

    public ResourceId id() {
        return metadata.id();
    }

    /** The broker this trigger reads from: {@code spec.broker} in the trigger's own namespace. */
    public ResourceId brokerId() {
        return new ResourceId(metadata.namespace(), spec.broker());
    }

    public Trigger withGeneration(long generation) {
        return new Trigger(metadata.withGeneration(generation), spec, options);
    }
}
