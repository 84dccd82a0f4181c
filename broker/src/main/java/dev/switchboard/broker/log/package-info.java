/**
 * The log: each broker is a Kafka topic of events in CloudEvents Kafka binary mode. Ingress appends to it,
 * dispatch reads from it; it depends on no other stage.
 */
package dev.switchboard.broker.log;
