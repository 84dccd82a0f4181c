/**
 * Operations: the ops listener with health, Prometheus metrics, the resources API, the replay/redrive controls
 * and the live status page, plus the JVM, Kafka client and Vert.x HTTP meters. It observes every stage through
 * the one registry and the served resource set, and is wired only by {@code app}.
 */
package dev.switchboard.broker.ops;
