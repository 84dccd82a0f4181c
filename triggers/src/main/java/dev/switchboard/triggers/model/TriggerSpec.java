package dev.switchboard.triggers.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Knative {@code Trigger.spec}.
 *
 * @param broker the broker's name, in the trigger's namespace
 * @param filter {@code filters} as {@link FilterSpec.All}, else {@code filter.attributes} as
 *     {@link FilterSpec.Attributes}, else {@link FilterSpec.MatchAll}
 * @param subscriber where matching events go
 * @param delivery the trigger's own delivery spec; when present it replaces the broker's whole
 */
public record TriggerSpec(String broker, FilterSpec filter, Destination subscriber, Optional<DeliverySpec> delivery) {

    public TriggerSpec {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(delivery, "delivery");
    }
}
