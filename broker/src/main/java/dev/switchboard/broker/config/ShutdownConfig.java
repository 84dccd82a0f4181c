package dev.switchboard.broker.config;

import java.time.Duration;

/**
 * Graceful shutdown, a Switchboard addition to docs/configuration.md: on SIGTERM/SIGINT the server stops accepting and
 * waits up to {@code drainTimeout} for in-flight work before exiting (docs/cli.md).
 */
public record ShutdownConfig(Duration drainTimeout) {}
