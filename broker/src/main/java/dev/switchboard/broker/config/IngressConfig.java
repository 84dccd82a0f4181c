package dev.switchboard.broker.config;

import java.time.Duration;

/**
 * The ingress listener (SPEC §3, §4, §7). {@code port} 0 means a free port chosen at bind time;
 * {@code maxEventBytes} is at least 65536. {@code requestTimeout} (the per-request deadline),
 * {@code idleTimeout} and {@code maxConnections} (open connections before new ones are closed, at least 1) are
 * Switchboard additions to the SPEC's keys.
 */
public record IngressConfig(
        String host,
        int port,
        int maxEventBytes,
        int maxInFlight,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections) {

    /** SPEC §3: the max event size is never below 64 KiB. */
    public static final int MIN_MAX_EVENT_BYTES = 64 * 1024;
}
