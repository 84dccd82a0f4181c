package dev.switchboard.broker.config;

import java.time.Duration;

/**
 * The ingress listener (docs/configuration.md, docs/ingress.md, docs/security.md). {@code port} 0 means a free port chosen at bind time;
 * {@code maxEventBytes} is at least 65536. {@code requestTimeout} (the per-request deadline),
 * {@code idleTimeout} and {@code maxConnections} (open connections before new ones are closed, at least 1) are
 * Switchboard additions (docs/configuration.md, "Additions").
 */
public record IngressConfig(
        String host,
        int port,
        int maxEventBytes,
        int maxInFlight,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections) {

    /** docs/configuration.md: the max event size is never below 64 KiB. */
    public static final int MIN_MAX_EVENT_BYTES = 64 * 1024;
}
