/**
 * The last stage: puts events on the wire to subscribers over HTTP and turns each response into an outcome —
 * delivered (and a reply published back into the broker), dead-lettered to the sink, or parked in the broker's
 * {@code .dlq} topic (docs/delivery.md). It is fed by {@code dispatch} through {@link
 * dev.switchboard.broker.delivery.EventDelivery} and imports only {@code log} (for replies and dead letters),
 * {@code codec} (to read replies as ingress reads events), {@code telemetry} and the triggers library, whose
 * {@code policy} package decides every retry.
 */
package dev.switchboard.broker.delivery;
