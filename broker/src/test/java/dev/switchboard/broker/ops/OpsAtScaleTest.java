package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.telemetry.LatencyBuckets;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.reload.ResourceReloader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ops server with 1,000 triggers, every one with the meters the stages register for it: the triggers list is
 * read without a single scan of the registry (each trigger through the {@link MeterIndex}) and shows each
 * trigger's own numbers; {@code /metrics} keeps every trigger under {@link #SERIES_PER_TRIGGER} series; and the
 * expensive answers are computed on the ops worker pool, bounded, never on an event loop.
 */
class OpsAtScaleTest {
    private static final int TRIGGERS = 1_000;
    /** Status codes each trigger's subscriber answered in this test: each adds one dispatch histogram. */
    private static final List<Integer> STATUS_CODES = List.of(200, 500);
    /**
     * The stated bound: 14 series of counters and gauges (attempts by 3 outcomes, dead letters by 2
     * destinations, replies by 4 results, egress refusals, expired events, lag, oldest age, ready) plus 15 per
     * status code answered (12 buckets, count, sum, max).
     */
    private static final int SERIES_PER_TRIGGER = 14 + 15 * STATUS_CODES.size();

    private final ScanCountingRegistry registry = new ScanCountingRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private OpsFixture ops;

    @BeforeEach
    void start() throws Exception {
        String yaml = resources();
        ResourceReloader reloader = new ResourceReloader(
                OpsFixture.resources(yaml),
                () -> new dev.switchboard.triggers.yaml.ResourceLoader().loadString("r.yaml", yaml, List.of()),
                Clock.systemUTC());
        ops = new OpsFixture(reloader, TriggerControl.unavailable("no dispatcher in this test"), registry);
        for (int i = 0; i < TRIGGERS; i++) {
            recordEverySeriesOf(i);
        }
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    private static String name(int i) {
        return "t-%04d".formatted(i);
    }

    private static String resources() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: team
                """);
        for (int i = 0; i < TRIGGERS; i++) {
            yaml.append("""
                    ---
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: %s
                      namespace: team
                    spec:
                      broker: default
                      subscriber:
                        uri: http://127.0.0.1:8081/%s
                    """.formatted(name(i), name(i)));
        }
        return yaml.toString();
    }

    /** Trigger i: delivered i, retried i % 7, failed 1, dead letters 2, replies 4, lag i, and its other series. */
    private void recordEverySeriesOf(int i) {
        String trigger = name(i);
        ops.attempts("team", trigger, "delivered", i);
        ops.attempts("team", trigger, "retry", i % 7);
        ops.attempts("team", trigger, "failed", 1);
        ops.deadLetters("team", trigger, "sink", 1);
        ops.deadLetters("team", trigger, "topic", 1);
        for (String result : List.of("published", "ttl_exhausted", "invalid", "discarded")) {
            ops.replies("team", trigger, result, 1);
        }
        ops.triggerCounter(MetricNames.EGRESS_REFUSED, "team", trigger, 0);
        ops.triggerCounter(MetricNames.EVENTS_EXPIRED, "team", trigger, 0);
        ops.lagGauges("team", trigger, new AtomicReference<>((double) i), new AtomicReference<>(0.5));
        for (int status : STATUS_CODES) {
            ops.dispatch("team", "default", trigger, status, Duration.ofMillis(20));
        }
    }

    private JsonObject trigger(JsonArray items, String name) {
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (item.getJsonObject("metadata").getString("name").equals(name)) {
                return item.getJsonObject("status");
            }
        }
        throw new AssertionError("no trigger " + name);
    }

    @ParameterizedTest(name = "trigger {0}")
    @CsvSource({"0", "1", "499", "998", "999"})
    void triggersListReadsEachTriggerByKeyWithoutScanningTheRegistry(int i) throws Exception {
        ops.get("/api/v1/triggers"); // the first read registers nothing new, but let it settle the ready gauges
        registry.scans.set(0);

        HttpResponse<String> response = ops.get("/api/v1/triggers");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(registry.scans)
                .as("registry scans while listing the triggers")
                .hasValue(0);
        JsonArray items = new JsonObject(response.body()).getJsonArray("items");
        assertThat(items).hasSize(TRIGGERS);
        JsonObject status = trigger(items, name(i));
        assertThat(status.getJsonObject("counters"))
                .isEqualTo(new JsonObject()
                        .put("delivered", i)
                        .put("retried", i % 7)
                        .put("failed", 1)
                        .put("deadLettered", 2)
                        .put("replies", 4));
        assertThat(status.getLong("lag")).isEqualTo(i);
        assertThat(status.getJsonObject("dispatchLatency").getLong("count")).isEqualTo(STATUS_CODES.size());
    }

    @Test
    void metricsKeepEveryTriggerUnderTheSeriesBound() throws Exception {
        PrometheusText metrics = new PrometheusText(ops.get("/metrics").body());

        Map<String, Integer> seriesPerTrigger = new TreeMap<>();
        Map<String, Set<String>> bucketBounds = new HashMap<>();
        for (PrometheusText.Sample sample : metrics.samples()) {
            String trigger =
                    sample.labels().getOrDefault("trigger", sample.labels().get("kn_trigger_name"));
            if (trigger == null) {
                continue;
            }
            seriesPerTrigger.merge(trigger, 1, Integer::sum);
            if (sample.name().endsWith("_bucket")) {
                Map<String, String> series = new TreeMap<>(sample.labels());
                String le = series.remove("le");
                bucketBounds
                        .computeIfAbsent(sample.name() + series, key -> new TreeSet<>())
                        .add(le);
            }
        }

        assertThat(seriesPerTrigger).hasSize(TRIGGERS);
        assertThat(seriesPerTrigger.values())
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(SERIES_PER_TRIGGER));
        assertThat(bucketBounds).hasSize(TRIGGERS * STATUS_CODES.size());
        assertThat(bucketBounds.values())
                .allSatisfy(bounds -> assertThat(bounds).hasSize(LatencyBuckets.seconds().length + 1));
        long ready = metrics.samples().stream()
                .filter(s -> s.name().equals("switchboard_trigger_ready") && s.value() == 1.0)
                .count();
        assertThat(ready).as("every loaded trigger has a ready series").isEqualTo(TRIGGERS);
        System.out.printf(
                "%d triggers: at most %d series per trigger (bound %d), %d samples in all%n",
                TRIGGERS,
                seriesPerTrigger.values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0),
                SERIES_PER_TRIGGER,
                metrics.samples().size());
    }

    @Test
    void scrapeRunsOnTheOpsWorkersNotOnAnEventLoop() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        Gauge.builder("test.thread", () -> {
                    thread.set(Thread.currentThread().getName());
                    return 1;
                })
                .register(registry);

        assertThat(ops.get("/metrics").statusCode()).isEqualTo(200);

        assertThat(thread.get()).startsWith(OffLoopAnswers.POOL_NAME).doesNotContain("eventloop");
    }

    @Test
    void aSlowScrapeDelaysNeitherHealthNorTheJsonApiAndAPileOfThemIsRefusedWith503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        Gauge.builder("test.slow", () -> {
                    blocked.incrementAndGet();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 1;
                })
                .register(registry);
        List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
        try {
            scrapes.add(getAsync("/metrics"));
            await().atMost(Duration.ofSeconds(30)).until(() -> blocked.get() >= 1);

            assertThat(ops.get("/livez").statusCode()).isEqualTo(200);
            assertThat(ops.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(ops.get("/api/v1/status").statusCode())
                    .as("the second worker")
                    .isEqualTo(200);

            for (int i = 0; i < 16; i++) {
                scrapes.add(getAsync("/metrics"));
            }
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                CompletableFuture<HttpResponse<String>> next = getAsync("/metrics");
                scrapes.add(next);
                HttpResponse<String> answered = next.get(2, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).isEqualTo(503);
                assertThat(answered.headers().firstValue("Retry-After")).hasValue("1");
            });
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
            assertThat(scrape.get(60, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
        }
        assertThat(ops.get("/metrics").statusCode()).isEqualTo(200);
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(ops.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Prometheus registry that counts every walk over its meters. */
    static final class ScanCountingRegistry extends PrometheusMeterRegistry {
        final AtomicInteger scans = new AtomicInteger();

        ScanCountingRegistry() {
            super(PrometheusConfig.DEFAULT);
        }

        @Override
        public List<Meter> getMeters() {
            scans.incrementAndGet();
            return super.getMeters();
        }

        @Override
        public void forEachMeter(Consumer<? super Meter> consumer) {
            scans.incrementAndGet();
            super.forEachMeter(consumer);
        }

        @Override
        public Search find(String name) {
            scans.incrementAndGet();
            return super.find(name);
        }

        @Override
        public RequiredSearch get(String name) {
            scans.incrementAndGet();
            return super.get(name);
        }
    }
}
