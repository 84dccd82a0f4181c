package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The server's registry keeps the Vert.x meters that register once and denies the gauges it registers per use. */
class ServerMeterRegistryTest {

    @Test
    void deniesVertxGaugesAndKeepsVertxCountersAndSwitchboardGauges() {
        PrometheusMeterRegistry registry = ServerMeterRegistry.create();
        AtomicLong value = new AtomicLong(3);

        for (int connection = 0; connection < 2; connection++) {
            Gauge.builder("vertx.http.server.active.connections", value, AtomicLong::get)
                    .tag("local", "127.0.0.1:8080")
                    .register(registry);
        }
        Counter.builder("vertx.http.server.requests").register(registry).increment();
        Gauge.builder("switchboard.trigger.lag.events", value, AtomicLong::get).register(registry);

        assertThat(registry.find("vertx.http.server.active.connections").meter())
                .isNull();
        assertThat(registry.find("vertx.http.server.requests").counter()).isNotNull();
        assertThat(registry.find("switchboard.trigger.lag.events").gauge()).isNotNull();
        assertThat(registry.scrape()).doesNotContain("vertx_http_server_active_connections");
    }
}
