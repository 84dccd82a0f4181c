package dev.switchboard.broker.config;

import java.time.Duration;

/**
 * Graceful shutdown, a Switchboard addition to SPEC §3: on SIGTERM/SIGINT the server stops accepting and
 * waits up to {@code drainTimeout} for in-flight work before exiting (SPEC §2).
 */
public record ShutdownConfig(Duration drainTimeout) {}
