package dev.switchboard.broker.app;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one registry of a server (docs/architecture.md principle 8), created with its meter filters in place: a
 * filter applies only to meters registered after it, so filters come first (Micrometer warns otherwise).
 *
 * <p>{@code vertx.http.server.active.connections} is denied: vertx-micrometer-metrics 5.1 registers that gauge
 * again for every accepted connection (vert-x3/vertx-micrometer-metrics#259), which Micrometer reports as a
 * double registration; the other Vert.x HTTP meters are kept (docs/operations.md "Metrics").
 */
final class ServerMeterRegistry {
    /** The Vert.x gauge registered once per connection instead of once per server. */
    static final String VERTX_HTTP_SERVER_ACTIVE_CONNECTIONS = "vertx.http.server.active.connections";

    private ServerMeterRegistry() {}

    static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                .meterFilter(MeterFilter.deny(id -> id.getName().equals(VERTX_HTTP_SERVER_ACTIVE_CONNECTIONS)));
        return registry;
    }
}
