/**
 * The chaos soak: a three-node Kafka cluster behind per-node fault proxies, two Switchboard processes, many
 * triggers and misbehaving subscribers, load with a ledger and a schedule of faults, then a per-trigger
 * reconciliation of every accepted event. It sits beside the other scenarios and drives the real jar.
 */
package dev.switchboard.loadtest.chaos;
