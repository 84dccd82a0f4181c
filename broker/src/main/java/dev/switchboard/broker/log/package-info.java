/**
 * The log stage: everything that puts events into Kafka and keeps Kafka itself available, from
 * topic provisioning to the in-process single-node KRaft broker used when no cluster is configured.
 * It sits between ingress (which hands it accepted events) and dispatch (which reads them back as
 * per-trigger cursors), see ARCHITECTURE.md decisions 1 and 2.
 */
package dev.switchboard.broker.log;
