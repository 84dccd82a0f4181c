package dev.switchboard.triggers.model;

/** Knative Kafka's {@code kafka.eventing.knative.dev/delivery.order} (docs/dispatch.md "Windows, limits and ordering"). */
public enum DeliveryOrder {
    /** many events in flight per partition (the default). */
    UNORDERED,
    /** events with the same partition key one at a time, in log order. */
    ORDERED
}
