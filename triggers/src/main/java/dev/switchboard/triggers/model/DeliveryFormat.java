package dev.switchboard.triggers.model;

/** Knative {@code spec.delivery.format}: how an event is put on the wire to the subscriber. */
public enum DeliveryFormat {
    /** CloudEvents HTTP binary content mode (the default). */
    BINARY,
    /** CloudEvents HTTP structured content mode, JSON event format ({@code format: json}). */
    JSON
}
