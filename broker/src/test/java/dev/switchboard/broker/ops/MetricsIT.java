package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.broker.app.SwitchboardServer;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole running Switchboard (real Kafka, real ingress, the ops listener wired as {@code run} wires it):
 * {@code /metrics} carries exact counts for known ingress traffic and for delivery meters recorded into the
 * server's registry, the API shows the same counts, and every metric the Grafana dashboard and the alert
 * rules in {@code deploy/monitoring/} query, and every docs/operations.md metric, is exported.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    /** docs/operations.md metrics Switchboard exports today, with traffic (histograms as their _bucket series). */
    private static final Set<String> SPEC_METRICS = Set.of(
            "switchboard_ingress_events_total",
            "switchboard_ingress_duration_seconds_bucket",
            "kn_eventing_dispatch_duration_seconds_bucket",
            "switchboard_delivery_attempts_total",
            "switchboard_dead_letters_total",
            "switchboard_replies_total",
            "switchboard_config_reloads_total",
            "switchboard_trigger_lag_events",
            "switchboard_trigger_oldest_undelivered_age_seconds",
            "switchboard_trigger_ready",
            "switchboard_egress_refused_total",
            "switchboard_filter_errors_total",
            "switchboard_events_expired_total",
            "switchboard_records_skipped_total");

    private static final Pattern METRIC =
            Pattern.compile("\\b((?:switchboard|kn_eventing|jvm|process|system|kafka|vertx)_[a-z0-9_]+)\\b");

    private final HttpClient http = HttpClient.newHttpClient();
    private SwitchboardServer server;
    private String namespace;

    private final Vertx vertx = Vertx.vertx();
    private HttpServer subscriber;

    @BeforeAll
    void start(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        subscriber = startSubscriber();
        namespace = kafka.uniqueName("ops");
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: %s
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: orders
                  namespace: %s
                spec:
                  broker: default
                  subscriber:
                    uri: http://127.0.0.1:%d/orders
                  delivery:
                    retry: 2
                    backoffDelay: PT0.1S
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: guarded
                  namespace: %s
                spec:
                  broker: default
                  filter:
                    attributes:
                      id: id-0
                  subscriber:
                    uri: http://169.254.169.254/latest/meta-data/
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: typed
                  namespace: %s
                spec:
                  broker: default
                  filters:
                    - cesql: "INT(source) > 0"
                  subscriber:
                    uri: http://127.0.0.1:%d/typed
                """.formatted(
                        namespace, namespace, subscriber.actualPort(), namespace, namespace, subscriber.actualPort()));
        ServerConfig config = new ConfigLoader()
                .load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "kafka.bootstrapServers", kafka.bootstrapServers(),
                                "kafka.partitions", "1",
                                "kafka.replicationFactor", "1",
                                "kafka.minInsyncReplicas", "1",
                                "ingress.host", "127.0.0.1",
                                "ingress.port", "0",
                                "ops.port", "0",
                                "dataDir", dir.resolve("data").toString(),
                                "resources", resources.toString()));
        server = SwitchboardServer.start(config);

        for (int i = 0; i < 3; i++) {
            assertThat(postEvent("id-" + i, true)).isEqualTo(202);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(postEvent("bad-" + i, false)).isEqualTo(400);
        }
        MeterRegistry registry = server.meterRegistry();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(registry, MetricNames.DELIVERY_ATTEMPTS, "delivered") == 3
                        && count(registry, MetricNames.DELIVERY_ATTEMPTS, "failed") == 1
                        && count(registry, MetricNames.DEAD_LETTERS, null) == 1
                        && !registry.find(MetricNames.EGRESS_REFUSED).counters().isEmpty()
                        && !registry.find(MetricNames.FILTER_ERRORS).counters().isEmpty());
    }

    /**
     * The subscriber: {@code id-0} is delivered and answered with a reply event (published into the broker,
     * then delivered too), {@code id-1} fails once with 500 and is then delivered, {@code id-2} is refused
     * with 400 and dead-lettered (no sink: parked in the topic). Totals for {@code orders}: delivered 3, retry 1,
     * failed 1, dead letters 1, replies published 1, and three 200 answers timed. {@code guarded} (only
     * {@code id-0}) is refused by the egress guard, and {@code typed}'s CESQL filter fails on every event, so their
     * counters exist too.
     */
    private HttpServer startSubscriber() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String id = request.getHeader("ce-id");
                    if ("id-0".equals(id)) {
                        request.response()
                                .setStatusCode(200)
                                .putHeader("ce-specversion", "1.0")
                                .putHeader("ce-id", "reply-0")
                                .putHeader("ce-source", "/metrics-it/subscriber")
                                .putHeader("ce-type", "com.example.reply")
                                .end();
                    } else if ("id-1".equals(id) && failedOnce.add(id)) {
                        request.response().setStatusCode(500).end();
                    } else if ("id-2".equals(id)) {
                        request.response().setStatusCode(400).end("no thanks");
                    } else {
                        request.response().setStatusCode(200).end();
                    }
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    /** Trigger {@code orders}'s counters of {@code name}, with {@code outcome} when not null. */
    private static double count(MeterRegistry registry, String name, String outcome) {
        return registry.find(name).tag(MetricNames.TAG_TRIGGER, "orders").counters().stream()
                .filter(c -> outcome == null || outcome.equals(c.getId().getTag(MetricNames.TAG_OUTCOME)))
                .mapToDouble(Counter::count)
                .sum();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int postEvent(String id, boolean valid) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default"))
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/metrics-it")
                .header("Content-Type", "application/json");
        if (valid) {
            request.header("ce-type", "com.example.t");
        }
        return http.send(
                        request.POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.ports().ops() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private PrometheusText scrape() throws Exception {
        String text = get("/metrics");
        Files.writeString(Path.of(System.getProperty("basedir", "."), "target", "metrics-scrape.txt"), text);
        return new PrometheusText(text);
    }

    @Test
    void ingressTrafficIsCountedExactlyByCode() throws Exception {
        PrometheusText metrics = scrape();

        assertThat(metrics.value(
                        "switchboard_ingress_events_total",
                        Map.of("namespace", namespace, "broker", "default", "code", "202")))
                .hasValue(3.0);
        assertThat(metrics.value(
                        "switchboard_ingress_events_total",
                        Map.of("namespace", namespace, "broker", "default", "code", "400")))
                .hasValue(2.0);
        assertThat(metrics.value(
                        "switchboard_ingress_duration_seconds_count",
                        Map.of("namespace", namespace, "broker", "default")))
                .hasValue(3.0);
    }

    @Test
    void deliveryMetersRecordedInTheRegistryAreExportedExactly() throws Exception {
        PrometheusText metrics = scrape();

        Map<String, Double> expected = Map.of("delivered", 3.0, "retry", 1.0, "failed", 1.0);
        expected.forEach((outcome, count) -> assertThat(metrics.value(
                        "switchboard_delivery_attempts_total",
                        Map.of("namespace", namespace, "trigger", "orders", "outcome", outcome)))
                .as(outcome)
                .hasValue(count));
        assertThat(metrics.value(
                        "switchboard_dead_letters_total",
                        Map.of("namespace", namespace, "trigger", "orders", "destination", "topic")))
                .hasValue(1.0);
        assertThat(metrics.value(
                        "switchboard_replies_total",
                        Map.of("namespace", namespace, "trigger", "orders", "result", "published")))
                .hasValue(1.0);
        assertThat(metrics.value(
                        "kn_eventing_dispatch_duration_seconds_count",
                        Map.of(
                                "kn_broker_namespace", namespace,
                                "kn_broker_name", "default",
                                "kn_trigger_namespace", namespace,
                                "kn_trigger_name", "orders",
                                "http_response_status_code", "200")))
                .hasValue(3.0);
    }

    @Test
    void theApiShowsTheSameCounts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode broker = json.readTree(get("/api/v1/brokers")).path("items").get(0);
        JsonNode trigger = null;
        for (JsonNode item : json.readTree(get("/api/v1/triggers")).path("items")) {
            if (item.at("/metadata/name").asText().equals("orders")) {
                trigger = item;
            }
        }
        assertThat(trigger).as("trigger orders").isNotNull();

        assertThat(broker.path("status").path("counters"))
                .isEqualTo(json.readTree("{\"accepted\": 3, \"rejected\": 2}"));
        assertThat(broker.path("status").path("address").path("url").asText())
                .isEqualTo("http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default");
        assertThat(trigger.path("status").path("counters"))
                .isEqualTo(json.readTree(
                        "{\"delivered\": 3, \"retried\": 1, \"failed\": 1, \"deadLettered\": 1, \"replies\": 1}"));
        assertThat(get("/readyz?verbose")).contains("[+]kafka ok", "[+]config ok", "readyz check passed");
    }

    @Test
    void everySpecMetricAndTheRuntimeMetersAreExported() throws Exception {
        PrometheusText metrics = scrape();

        assertThat(SPEC_METRICS)
                .allSatisfy(name -> assertThat(metrics.has(name)).as(name).isTrue());
        assertThat(Set.of(
                        "jvm_memory_used_bytes",
                        "jvm_gc_live_data_size_bytes",
                        "jvm_threads_live_threads",
                        "jvm_classes_loaded_classes",
                        "process_cpu_usage",
                        "process_uptime_seconds",
                        "kafka_producer_record_send_total",
                        "kafka_admin_client_request_total",
                        "vertx_http_server_requests_total",
                        "vertx_http_server_response_time_seconds_bucket"))
                .allSatisfy(name -> assertThat(metrics.has(name)).as(name).isTrue());
    }

    @Test
    void everyMetricTheDashboardAndAlertRulesQueryIsExported() throws Exception {
        Path monitoring = Path.of(System.getProperty("basedir", "."), "..", "deploy", "monitoring");
        Set<String> queried = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper()
                .readTree(monitoring.resolve("switchboard-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(expr -> queried.addAll(names(expr.asText())));
        dashboard.findValues("query").forEach(query -> queried.addAll(names(query.asText())));
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(monitoring.resolve("switchboard-alerts.yaml").toFile());
        rules.findValues("expr").forEach(expr -> queried.addAll(names(expr.asText())));
        assertThat(queried)
                .as("the dashboard and rules query these")
                .contains(
                        "switchboard_ingress_events_total",
                        "kn_eventing_dispatch_duration_seconds_bucket",
                        "switchboard_trigger_oldest_undelivered_age_seconds");

        PrometheusText metrics = scrape();
        assertThat(queried).allSatisfy(name -> assertThat(metrics.has(name))
                .as("%s is queried by deploy/monitoring but not exported", name)
                .isTrue());
    }

    @Test
    void everyHistogramHasTheExplicitBucketsAndNoOthers() throws Exception {
        Set<Double> expected = new TreeSet<>();
        for (double bound : LatencyBuckets.seconds()) {
            expected.add(bound);
        }
        expected.add(Double.POSITIVE_INFINITY);
        Map<String, Set<Double>> bounds = new TreeMap<>();
        for (PrometheusText.Sample sample : scrape().samples()) {
            if (sample.name().endsWith("_bucket")) {
                String le = sample.labels().get("le");
                bounds.computeIfAbsent(sample.name(), name -> new TreeSet<>())
                        .add(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le));
            }
        }

        assertThat(bounds)
                .containsKeys(
                        "switchboard_ingress_duration_seconds_bucket",
                        "kn_eventing_dispatch_duration_seconds_bucket",
                        "vertx_http_server_response_time_seconds_bucket");
        assertThat(bounds).allSatisfy((name, les) -> assertThat(les).as(name).isEqualTo(expected));
    }

    private static Set<String> names(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
