package dev.switchboard.broker.config;

/**
 * The ports the server actually bound (docs/configuration.md {@code ports.json}): ingress, ops, and the Kafka
 * bootstrap address ({@code host:port} of the embedded broker, or the configured bootstrap servers).
 */
public record Ports(int ingress, int ops, String kafka) {}
