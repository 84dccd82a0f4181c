package dev.switchboard.broker.config;

/** The operations listener (docs/configuration.md, docs/operations.md); {@code port} 0 means a free port chosen at bind time. */
public record OpsConfig(String host, int port) {}
