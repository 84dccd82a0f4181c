package dev.switchboard.triggers.model;

import java.util.Objects;

/** A Knative {@code eventing.knative.dev/v1} Broker: an ingress address and a log of events. */
public record Broker(ObjectMeta metadata, BrokerSpec spec, BrokerOptions options) {

    /** The broker that exists when the resources declare none (docs/configuration.md). */
    public static final ResourceId IMPLICIT_ID = new ResourceId(ObjectMeta.DEFAULT_NAMESPACE, "default");

    public Broker {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
    }

    /** {@code default/default} with no delivery spec and default options. */
    public static Broker implicitDefault() {
        return new Broker(
                ObjectMeta.of(IMPLICIT_ID.namespace(), IMPLICIT_ID.name()),
                BrokerSpec.empty(),
                BrokerOptions.defaults());
    }

    public ResourceId id() {
        return metadata.id();
    }

    public Broker withGeneration(long generation) {
        return new Broker(metadata.withGeneration(generation), spec, options);
    }
}
