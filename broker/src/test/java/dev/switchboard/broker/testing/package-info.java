/**
 * Test support shared by every integration test of the broker: one real Kafka per test run, handed
 * to tests as a {@link dev.switchboard.broker.testing.KafkaCluster} by the {@link
 * dev.switchboard.broker.testing.KafkaExtension}. It stands beside the pipeline rather than in it:
 * embedded KRaft by default, Testcontainers with {@code -Dkafka=testcontainers}.
 */
package dev.switchboard.broker.testing;
