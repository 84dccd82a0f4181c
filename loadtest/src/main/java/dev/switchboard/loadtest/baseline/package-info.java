/**
 * The raw-Kafka baseline: the same events, payloads and producer settings as Switchboard's ingress
 * (acks=all, idempotent), written straight to a twin of the broker's topic on the same Kafka, and read
 * back by a plain consumer. It gives every report a "what Kafka alone does here" figure to divide by.
 */
package dev.switchboard.loadtest.baseline;
