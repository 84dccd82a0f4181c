package dev.switchboard.broker.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.app.SwitchboardServer;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.telemetry.tracing.OtlpCollector.ReceivedSpan;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tracing.md end to end: a running server exports its spans over OTLP/HTTP to a real receiver that decodes the
 * protobuf, and the trace tree of each event is asserted from the ids: the ingress span is a child of the producer's
 * {@code traceparent}, each delivery attempt a child of the ingress span, and the subscriber is called with the
 * attempt's span as parent. Without {@code tracing.otlpEndpoint} the producer's {@code traceparent} reaches the
 * subscriber unchanged.
 */
@ExtendWith(KafkaExtension.class)
class TracingIT {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN_ID = "00f067aa0ba902b7";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, List<String>> traceparents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpServer subscriber;

    /** A subscriber that takes every event but answers 503 to the first request for "flaky" and 400 to "doomed". */
    @BeforeEach
    void startSubscriber() throws Exception {
        vertx = Vertx.vertx();
        subscriber = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String id = request.getHeader("ce-id");
                    traceparents
                            .computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
                            .add(String.valueOf(request.getHeader("traceparent")));
                    int n = requests.computeIfAbsent(id, key -> new AtomicInteger())
                            .incrementAndGet();
                    int status = id.startsWith("doomed") ? 400 : id.startsWith("flaky") && n == 1 ? 503 : 200;
                    request.response().setStatusCode(status).end();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopSubscriber() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void oneEventDeliveredAfterOneRetryIsOneTraceOfIngressAndTwoAttempts(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        try (OtlpCollector collector = OtlpCollector.start()) {
            String namespace = kafka.uniqueName("traced");
            try (SwitchboardServer server = SwitchboardServer.start(new ConfigLoader()
                    .load(Optional.empty(), Map.of(), settings(kafka, dir, namespace, collector.endpoint())))) {
                assertThat(post(server, namespace, "flaky-1")).isEqualTo(202);
                assertThat(post(server, namespace, "doomed-1")).isEqualTo(202);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(attempts(collector, "flaky-1"))
                        .hasSize(2));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(attempts(collector, "doomed-1"))
                        .hasSize(1));
            }

            assertThat(collector.problems()).isEmpty();
            String topic = "switchboard." + namespace + ".default";
            ReceivedSpan ingress = ingress(collector, "flaky-1");
            assertThat(ingress.traceId()).isEqualTo(TRACE_ID);
            assertThat(ingress.parentSpanId()).isEqualTo(PRODUCER_SPAN_ID);
            assertThat(ingress.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
            assertThat(ingress.name()).isEqualTo("send " + topic);
            assertThat(ingress.serviceName()).isEqualTo("switchboard-it");
            assertThat(ingress.attributes())
                    .containsEntry("cloudevents.event_id", "flaky-1")
                    .containsEntry("cloudevents.event_type", "com.example.traced")
                    .containsEntry("cloudevents.event_source", "/tracing-it")
                    .containsEntry("messaging.system", "kafka")
                    .containsEntry("messaging.operation.type", "send")
                    .containsEntry("messaging.destination.name", topic);

            List<ReceivedSpan> attempts = attempts(collector, "flaky-1");
            for (ReceivedSpan attempt : attempts) {
                assertThat(attempt.traceId()).isEqualTo(TRACE_ID);
                assertThat(attempt.parentSpanId()).isEqualTo(ingress.spanId());
                assertThat(attempt.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                assertThat(attempt.name()).isEqualTo("deliver " + namespace + "/audit");
                assertThat(attempt.attributes())
                        .containsEntry("kn.trigger.name", "audit")
                        .containsEntry("messaging.destination.name", topic)
                        .containsKey("messaging.destination.partition.id")
                        .containsKey("messaging.kafka.offset")
                        .containsEntry("switchboard.delivery.destination", "subscriber");
            }
            assertThat(attempts.get(0).attributes())
                    .containsEntry("switchboard.delivery.attempt", "1")
                    .containsEntry("http.response.status_code", "503")
                    .containsEntry("switchboard.delivery.outcome", "retry")
                    .containsEntry("error.type", "503");
            assertThat(attempts.get(0).error()).isTrue();
            assertThat(attempts.get(1).attributes())
                    .containsEntry("switchboard.delivery.attempt", "2")
                    .containsEntry("http.request.resend_count", "1")
                    .containsEntry("http.response.status_code", "200")
                    .containsEntry("switchboard.delivery.outcome", "delivered")
                    .doesNotContainKey("error.type");
            assertThat(attempts.get(1).error()).isFalse();
            assertThat(traceparents.get("flaky-1"))
                    .containsExactly(
                            "00-" + TRACE_ID + "-" + attempts.get(0).spanId() + "-01",
                            "00-" + TRACE_ID + "-" + attempts.get(1).spanId() + "-01");

            ReceivedSpan doomedIngress = ingress(collector, "doomed-1");
            ReceivedSpan doomed = attempts(collector, "doomed-1").get(0);
            assertThat(doomed.traceId()).isEqualTo(TRACE_ID);
            assertThat(doomed.parentSpanId()).isEqualTo(doomedIngress.spanId());
            assertThat(doomed.attributes())
                    .containsEntry("http.response.status_code", "400")
                    .containsEntry("switchboard.delivery.outcome", "failed");
            assertThat(doomed.error()).isTrue();
            assertThat(traceparents.get("doomed-1")).containsExactly("00-" + TRACE_ID + "-" + doomed.spanId() + "-01");
        }
    }

    @Test
    void withoutAnEndpointTheTraceparentReachesTheSubscriberUnchanged(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        String namespace = kafka.uniqueName("untraced");
        try (SwitchboardServer server = SwitchboardServer.start(
                new ConfigLoader().load(Optional.empty(), Map.of(), settings(kafka, dir, namespace, "")))) {
            assertThat(post(server, namespace, "plain-1")).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(traceparents.get("plain-1"))
                    .containsExactly("00-" + TRACE_ID + "-" + PRODUCER_SPAN_ID + "-01"));
        }
    }

    private Map<String, String> settings(KafkaCluster kafka, Path dir, String namespace, String otlpEndpoint)
            throws Exception {
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: default, namespace: %s}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: audit, namespace: %s}
                spec:
                  broker: default
                  subscriber: {uri: "http://127.0.0.1:%d/audit"}
                  delivery: {retry: 2, backoffPolicy: linear, backoffDelay: PT0.1S}
                """.formatted(namespace, namespace, subscriber.actualPort()));
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrapServers", kafka.bootstrapServers(),
                "kafka.partitions", "1",
                "kafka.replicationFactor", "1",
                "kafka.minInsyncReplicas", "1",
                "ingress.host", "127.0.0.1",
                "ingress.port", "0",
                "ops.port", "0",
                "dataDir", dir.resolve("data").toString(),
                "resources", resources.toString()));
        settings.put("tracing.otlpEndpoint", otlpEndpoint);
        settings.put("tracing.serviceName", "switchboard-it");
        return settings;
    }

    private static ReceivedSpan ingress(OtlpCollector collector, String eventId) {
        List<ReceivedSpan> found = collector.spans().stream()
                .filter(span -> span.kind() == SpanKind.SPAN_KIND_PRODUCER)
                .filter(span -> eventId.equals(span.attribute("cloudevents.event_id")))
                .toList();
        assertThat(found).as("ingress spans of %s", eventId).hasSize(1);
        return found.get(0);
    }

    private static List<ReceivedSpan> attempts(OtlpCollector collector, String eventId) {
        return collector.spans().stream()
                .filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
                .filter(span -> eventId.equals(span.attribute("cloudevents.event_id")))
                .sorted(Comparator.comparing(span -> Integer.parseInt(span.attribute("switchboard.delivery.attempt"))))
                .toList();
    }

    private int post(SwitchboardServer server, String namespace, String id) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default"))
                                .header("ce-specversion", "1.0")
                                .header("ce-id", id)
                                .header("ce-source", "/tracing-it")
                                .header("ce-type", "com.example.traced")
                                .header("traceparent", "00-" + TRACE_ID + "-" + PRODUCER_SPAN_ID + "-01")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
