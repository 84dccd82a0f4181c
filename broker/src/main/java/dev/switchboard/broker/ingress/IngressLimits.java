package dev.switchboard.broker.ingress;

import dev.switchboard.broker.config.IngressConfig;
import java.time.Duration;

/**
 * The ingress's bounds (docs/configuration.md {@code ingress}, docs/security.md "HTTP limits").
 *
 * @param maxEventBytes largest body accepted, never below 64 KiB
 * @param maxInFlight requests being read or stored at once before new ones get 429
 * @param requestTimeout from the request's arrival to its answer: a slow body gets 408, a slow Kafka 503
 * @param idleTimeout an idle keep-alive connection is closed after this long
 * @param eventTypeTag whether ingress metrics carry the event {@code type} tag ({@code metrics.eventTypeTag})
 * @param maxConnections open connections at once ({@code ingress.maxConnections}); more are closed on arrival
 */
public record IngressLimits(
        int maxEventBytes,
        int maxInFlight,
        Duration requestTimeout,
        Duration idleTimeout,
        boolean eventTypeTag,
        int maxConnections) {
    public static final int MIN_EVENT_BYTES = IngressConfig.MIN_MAX_EVENT_BYTES;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** The default of {@code ingress.maxConnections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** Limits without the event type tag. */
    public IngressLimits(int maxEventBytes, int maxInFlight, Duration requestTimeout, Duration idleTimeout) {
        this(maxEventBytes, maxInFlight, requestTimeout, idleTimeout, false);
    }

    /** Limits with the default connection cap. */
    public IngressLimits(
            int maxEventBytes, int maxInFlight, Duration requestTimeout, Duration idleTimeout, boolean eventTypeTag) {
        this(maxEventBytes, maxInFlight, requestTimeout, idleTimeout, eventTypeTag, DEFAULT_MAX_CONNECTIONS);
    }

    /** These limits with at most {@code connections} open connections. */
    public IngressLimits withMaxConnections(int connections) {
        return new IngressLimits(maxEventBytes, maxInFlight, requestTimeout, idleTimeout, eventTypeTag, connections);
    }

    public IngressLimits {
        if (maxEventBytes < MIN_EVENT_BYTES) {
            throw new IllegalArgumentException("maxEventBytes must be at least " + MIN_EVENT_BYTES);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public static IngressLimits defaults() {
        return new IngressLimits(1024 * 1024, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(60), false);
    }
}
