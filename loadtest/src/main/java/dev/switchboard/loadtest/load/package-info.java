/**
 * The open-model load generator: events are due at fixed intended times whatever the system answers, and
 * every latency is measured from that intended time, so a slow system cannot hide its slowness. It sits at
 * the front of every scenario and feeds either Switchboard's HTTP ingress or a raw Kafka producer.
 */
package dev.switchboard.loadtest.load;
