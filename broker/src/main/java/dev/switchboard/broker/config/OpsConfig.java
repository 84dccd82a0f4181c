package dev.switchboard.broker.config;

/** The operations listener (SPEC §3, §6); {@code port} 0 means a free port chosen at bind time. */
public record OpsConfig(String host, int port) {}
