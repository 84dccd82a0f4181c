package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.reload.ResourceReloader;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real ops server on 127.0.0.1 and a free port, serving a real resource set loaded from YAML (one broker
 * {@code team/default}; trigger {@code team/orders} Ready; {@code team/audit} of a missing broker;
 * {@code team/billing} with an unresolvable {@code subscriber.ref}) and a real Prometheus registry. Tests
 * record meters with the names the stages use and read them back over HTTP.
 */
public final class OpsFixture implements AutoCloseable {
    public static final String RESOURCES = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: default
              namespace: team
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: orders
              namespace: team
              labels:
                app: shop
            spec:
              broker: default
              filter:
                attributes:
                  type: com.example.order.created
              subscriber:
                uri: http://127.0.0.1:8081/orders
              delivery:
                retry: 3
                backoffPolicy: linear
                backoffDelay: PT0.5S
                deadLetterSink:
                  uri: http://127.0.0.1:8082/dead
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: audit
              namespace: team
            spec:
              broker: missing
              subscriber:
                uri: http://127.0.0.1:8083/audit
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: billing
              namespace: team
            spec:
              broker: default
              filters:
                - prefix:
                    type: com.example.
                - not:
                    exact:
                      source: /test
              subscriber:
                ref:
                  apiVersion: v1
                  kind: Service
                  name: billing
                uri: /invoices
            """;

    public final Vertx vertx = Vertx.vertx();
    public final PrometheusMeterRegistry registry;
    public final AtomicBoolean kafkaReachable = new AtomicBoolean(true);
    public final EgressRefusals egressRefusals = new EgressRefusals(java.time.Clock.systemUTC());
    /** The delivery failures the API shows; tests record them through {@code FailedAttempts}. */
    public final DeliveryFailures failures = new DeliveryFailures(Clock.systemUTC());

    public final ResourceReloader reloader;
    public final OpsServer server;
    public final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public OpsFixture(TriggerControl control) throws Exception {
        this(
                new ResourceReloader(
                        resources(RESOURCES),
                        () -> new ResourceLoader().loadString("r.yaml", RESOURCES, List.of()),
                        Clock.systemUTC()),
                control);
    }

    public OpsFixture(ResourceReloader reloader, TriggerControl control) throws Exception {
        this(reloader, control, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** A fixture over a registry of the test's own (one that counts scans, for instance). */
    public OpsFixture(ResourceReloader reloader, TriggerControl control, PrometheusMeterRegistry registry)
            throws Exception {
        this.reloader = reloader;
        this.registry = registry;
        HealthChecks readiness = new HealthChecks(
                "readyz",
                List.of(
                        HealthCheck.of("kafka", kafkaReachable::get, "Kafka is not reachable"),
                        HealthCheck.of("config", () -> true, "no resources loaded")));
        server = new OpsServer(
                vertx,
                registry,
                readiness,
                ConfigStatus.of(reloader),
                new TriggerRuntime(control, egressRefusals, failures),
                URI.create("http://127.0.0.1:8080"));
        port = server.listen("127.0.0.1", 0).await(30, TimeUnit.SECONDS);
    }

    /** The fixture's resources, loaded and validated. */
    public static ResourceSet resources(String yaml) {
        LoadResult loaded = new ResourceLoader().loadString("r.yaml", yaml, List.of());
        if (!(loaded instanceof LoadResult.Valid valid)) {
            throw new IllegalArgumentException(loaded.diagnostics().toString());
        }
        return valid.resources();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // --- meters, recorded as the stages record them (names and tags of docs/operations.md) ---

    public void ingress(String namespace, String broker, int code, int times) {
        Counter.builder(MetricNames.INGRESS_EVENTS)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_BROKER, broker)
                .tag(MetricNames.TAG_CODE, Integer.toString(code))
                .register(registry)
                .increment(times);
    }

    public void attempts(String namespace, String trigger, String outcome, int times) {
        Counter.builder(MetricNames.DELIVERY_ATTEMPTS)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .tag(MetricNames.TAG_OUTCOME, outcome)
                .register(registry)
                .increment(times);
    }

    public void deadLetters(String namespace, String trigger, String destination, int times) {
        Counter.builder(MetricNames.DEAD_LETTERS)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .tag(MetricNames.TAG_DESTINATION, destination)
                .register(registry)
                .increment(times);
    }

    public void replies(String namespace, String trigger, String result, int times) {
        Counter.builder(MetricNames.REPLIES)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .tag(MetricNames.TAG_RESULT, result)
                .register(registry)
                .increment(times);
    }

    public void dispatch(String namespace, String broker, String trigger, int status, Duration elapsed) {
        Timer.builder(MetricNames.DISPATCH_DURATION)
                .tag(MetricNames.TAG_KN_BROKER_NAMESPACE, namespace)
                .tag(MetricNames.TAG_KN_BROKER_NAME, broker)
                .tag(MetricNames.TAG_KN_TRIGGER_NAMESPACE, namespace)
                .tag(MetricNames.TAG_KN_TRIGGER_NAME, trigger)
                .tag(MetricNames.TAG_HTTP_RESPONSE_STATUS_CODE, Integer.toString(status))
                .serviceLevelObjectives(LatencyBuckets.bounds())
                .register(registry)
                .record(elapsed);
    }

    /** A counter with tags namespace and trigger only, as egress refusals and expired events are counted. */
    public void triggerCounter(String name, String namespace, String trigger, int times) {
        Counter.builder(name)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .register(registry)
                .increment(times);
    }

    /** Registers the dispatcher's two gauges for a trigger, reading the given holders. */
    public void lagGauges(String namespace, String trigger, AtomicReference<Double> lag, AtomicReference<Double> age) {
        Gauge.builder(MetricNames.TRIGGER_LAG_EVENTS, lag, AtomicReference::get)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .strongReference(true)
                .register(registry);
        Gauge.builder(MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, age, AtomicReference::get)
                .tag(MetricNames.TAG_NAMESPACE, namespace)
                .tag(MetricNames.TAG_TRIGGER, trigger)
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        registry.close();
    }
}
