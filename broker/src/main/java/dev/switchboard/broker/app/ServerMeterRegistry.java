package dev.switchboard.broker.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one registry of a server (docs/architecture.md principle 8), created with its meter filters in place: a
 * filter applies only to meters registered after it, so filters come first (Micrometer warns otherwise).
 *
 * <p>Vert.x's gauges ({@code vertx.*} meters of type gauge: active connections and requests, pool usage) are
 * denied: vertx-micrometer-metrics 5.1 registers each of them again for every connection or request it counts
 * (vert-x3/vertx-micrometer-metrics#259), which Micrometer reports as a double registration. Denied meters are
 * never registered, so nothing is registered twice. The Vert.x counters, timers and summaries are kept
 * (docs/operations.md "Metrics").
 */
final class ServerMeterRegistry {
    private ServerMeterRegistry() {}

    static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(ServerMeterRegistry::isVertxGauge));
        return registry;
    }

    /** A gauge of {@code vertx-micrometer-metrics}, re-registered per connection or request. */
    static boolean isVertxGauge(Meter.Id id) {
        return id.getType() == Meter.Type.GAUGE && id.getName().startsWith("vertx.");
    }
}
