package dev.switchboard.broker.ingress;

import dev.switchboard.broker.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the connections the ingress holds open at once ({@code ingress.maxConnections}, a Switchboard addition
 * to docs/security.md "HTTP limits"): the in-flight cap bounds the memory of requests, this bounds sockets held by idle or
 * trickling clients. A connection past the cap is closed as soon as it is accepted (after the TLS handshake when
 * TLS is on) and counted in {@code switchboard_ingress_connections_rejected_total}; open connections keep being
 * served. Shared by every event loop of the ingress.
 */
final class ConnectionCap {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter rejected;

    ConnectionCap(int max, MeterRegistry registry) {
        this.max = max;
        this.rejected = Counter.builder(MetricNames.INGRESS_CONNECTIONS_REJECTED)
                .description("Ingress connections closed on arrival because ingress.maxConnections were open")
                .register(registry);
    }

    /**
     * Takes a place for {@code connection}, or closes it when every place is taken.
     *
     * @return whether the connection was admitted; an admitted connection must be {@link #released} when it closes
     */
    boolean admit(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            rejected.increment();
            connection.close();
            return false;
        }
        return true;
    }

    /** Gives back the place of an admitted connection that closed. */
    void released() {
        open.decrementAndGet();
    }

    /** Connections admitted and not yet closed. */
    int open() {
        return open.get();
    }
}
