package dev.switchboard.broker.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the HTTP delivery stage that are not part of a trigger's policy.
 *
 * @param maxConnectionsPerOrigin the bound of each subscriber origin's connection pool
 * @param maxResponseBytes how much of a response body is kept; a reply larger than this is invalid
 * @param storeRetryDelay the first wait before writing a reply or dead letter to Kafka again
 * @param storeRetryMax the cap on that wait (it doubles, with jitter, up to here, and retries forever)
 */
public record DeliverySettings(
        int maxConnectionsPerOrigin, int maxResponseBytes, Duration storeRetryDelay, Duration storeRetryMax) {

    /** One pool per origin of at most this many connections: the default per-trigger in-flight limit. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 100;
    /** The default ingress max event size (docs/configuration.md) plus room for a JSON envelope. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1_048_576 + 64 * 1024;

    public DeliverySettings {
        Objects.requireNonNull(storeRetryDelay, "storeRetryDelay");
        Objects.requireNonNull(storeRetryMax, "storeRetryMax");
        if (maxConnectionsPerOrigin < 1) {
            throw new IllegalArgumentException("maxConnectionsPerOrigin must be positive: " + maxConnectionsPerOrigin);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024: " + maxResponseBytes);
        }
        if (storeRetryDelay.isNegative() || storeRetryDelay.isZero() || storeRetryMax.compareTo(storeRetryDelay) < 0) {
            throw new IllegalArgumentException("need 0 < storeRetryDelay <= storeRetryMax");
        }
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(
                DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
                DEFAULT_MAX_RESPONSE_BYTES,
                Duration.ofMillis(100),
                Duration.ofSeconds(10));
    }
}
