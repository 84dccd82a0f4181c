package dev.switchboard.broker.ops;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters docs/operations.md asks for beside Switchboard's own, all into the one injected registry: JVM (memory, GC,
 * threads, class loading), process (CPU, uptime), Kafka client meters of the producer and admin client, and
 * Vert.x HTTP server and client meters ({@code vertx_http_server_requests_total},
 * {@code vertx_http_server_response_time_seconds}, ...) through {@code vertx-micrometer-metrics}.
 */
public final class RuntimeMeters implements AutoCloseable {
    /** The Vert.x HTTP server timer, published with buckets so latency quantiles can be computed. */
    static final String HTTP_SERVER_RESPONSE_TIME = "vertx.http.server.response.time";

    private final MeterRegistry registry;
    private final Deque<AutoCloseable> bound = new ArrayDeque<>();
    private boolean responseTimeBuckets;

    public RuntimeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the JVM and process meters. */
    public RuntimeMeters bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        bound.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    /** Binds a Kafka producer's client meters ({@code kafka_producer_*}). */
    public void bindKafkaClient(Producer<?, ?> producer) {
        bind(new KafkaClientMetrics(producer));
    }

    /** Binds a Kafka admin client's meters ({@code kafka_admin_client_*}). */
    public void bindKafkaClient(AdminClient admin) {
        bind(new KafkaClientMetrics(admin));
    }

    /**
     * The Vert.x of the ingress, the dispatcher and the delivery stage, with one event loop per core. Its HTTP
     * servers record into the registry (see {@link #newVertx(VertxOptions)}).
     */
    public Vertx newVertx() {
        return newVertx(new VertxOptions());
    }

    /**
     * The ops listener's own Vert.x: one event loop that the ingress never uses, and a small worker pool, so that
     * an expensive ops request (a scrape, the list of 1,000 triggers) can never make a producer wait. Its HTTP
     * server records into the same registry, labelled with its own {@code local} address.
     */
    public Vertx newOpsVertx() {
        return newVertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    }

    /**
     * A Vert.x whose HTTP servers record into the registry, labelled with the listening address
     * ({@code local}) so ingress and ops traffic are told apart; the response time is a histogram with the
     * {@link LatencyBuckets}. The event bus, named pools and verticles are internal and would only add series. HTTP
     * client meters are off: the delivery stage's own per-trigger meters say the same about each attempt, and
     * Vert.x's per-request tagged look-ups were a sixth of the cost of sending a delivery (docs/benchmarks.md). On
     * Linux the sockets use Netty's native epoll transport (NIO elsewhere, or with
     * {@code -Dio.netty.transport.noNative=true}).
     */
    private Vertx newVertx(VertxOptions options) {
        if (!responseTimeBuckets) {
            registry.config().meterFilter(new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    if (!id.getName().equals(HTTP_SERVER_RESPONSE_TIME)) {
                        return config;
                    }
                    // a timer's distribution config is in nanoseconds
                    return DistributionStatisticConfig.builder()
                            .percentilesHistogram(false)
                            .serviceLevelObjectives(Arrays.stream(LatencyBuckets.bounds())
                                    .mapToDouble(Duration::toNanos)
                                    .toArray())
                            .build()
                            .merge(config);
                }
            });
            responseTimeBuckets = true;
        }
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(false)
                .addLabels(Label.LOCAL)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS)
                .addDisabledMetricsCategory(MetricsDomain.VERTICLES);
        return Vertx.builder()
                .with(options.setMetricsOptions(metrics).setPreferNativeTransport(true))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    private void bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        bound.push(metrics);
    }

    @Override
    public void close() throws Exception {
        while (!bound.isEmpty()) {
            bound.pop().close();
        }
    }
}
