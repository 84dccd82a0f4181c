package dev.switchboard.triggers.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Knative {@code Broker.spec}: only {@code delivery} has an effect. Knative's {@code config} reference is
 * accepted for compatibility and ignored (the loader warns).
 */
public record BrokerSpec(Optional<DeliverySpec> delivery) {

    public BrokerSpec {
        Objects.requireNonNull(delivery, "delivery");
    }

    public static BrokerSpec empty() {
        return new BrokerSpec(Optional.empty());
    }
}
