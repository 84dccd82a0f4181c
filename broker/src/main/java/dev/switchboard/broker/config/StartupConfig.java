package dev.switchboard.broker.config;

/**
 * Start-up, a Switchboard addition to docs/configuration.md: with {@code warmUp} the server runs a few thousand
 * synthetic events through its delivery path on loopback before the first real delivery (docs/operations.md
 * "Startup warm-up").
 */
public record StartupConfig(boolean warmUp) {}
