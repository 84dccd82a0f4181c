package dev.switchboard.broker.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.TracingConfig;
import dev.switchboard.broker.delivery.AttemptTrace;
import dev.switchboard.broker.delivery.DeliveryTracer;
import dev.switchboard.broker.log.EventAppender;
import dev.switchboard.broker.telemetry.tracing.OtlpCollector.ReceivedSpan;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * docs/tracing.md "Off" and "Sampling and export": off hands out the pipeline's own parts and constants; on, the
 * ingress span replaces the stored {@code traceparent}, is exported to a real OTLP/HTTP receiver when sampled, and
 * is flushed on close.
 */
class TracingTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String PRODUCER_SPAN_ID = "b7ad6b7169203331";
    private static final CloudEvent EVENT = CloudEventBuilder.v1()
            .withId("e-1")
            .withSource(URI.create("/tracing-test"))
            .withType("com.example.traced")
            .withExtension("partitionkey", "k-1")
            .build();

    private final List<Map<String, String>> stored = new CopyOnWriteArrayList<>();
    private final EventAppender log = (topic, event, headers) -> {
        stored.add(headers);
        return Future.succeededFuture();
    };

    @Test
    void offHandsBackTheAppenderAndConstantsSoNothingIsAllocatedPerEvent() {
        Tracing tracing = Tracing.of(new TracingConfig(Optional.empty(), 1.0, "switchboard"));

        assertThat(tracing).isSameAs(Tracing.OFF);
        assertThat(tracing.ingress(log)).isSameAs(log);
        assertThat(tracing.delivery()).isSameAs(DeliveryTracer.OFF);
        assertThat(DeliveryTracer.OFF.attempts(null, null, DeliveryTracer.Destination.SUBSCRIBER))
                .isSameAs(DeliveryTracer.Attempts.NONE);
        assertThat(DeliveryTracer.Attempts.NONE.start(2)).isSameAs(AttemptTrace.NONE);
        assertThat(AttemptTrace.NONE.headers()).isEmpty();
    }

    @Test
    void theIngressSpanIsStoredAsTheEventsTraceparentAndExportedOnClose() throws Exception {
        try (OtlpCollector collector = OtlpCollector.start()) {
            Tracing tracing = Tracing.of(config(collector.endpoint() + "/", 1.0));
            tracing.ingress(log)
                    .append("switchboard.t.default", EVENT, Map.of("traceparent", traceparent("01")))
                    .await();
            tracing.close();

            assertThat(collector.spans()).hasSize(1);
            ReceivedSpan span = collector.spans().get(0);
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.parentSpanId()).isEqualTo(PRODUCER_SPAN_ID);
            assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
            assertThat(span.serviceName()).isEqualTo("switchboard-test");
            assertThat(span.attributes()).containsEntry("messaging.kafka.message.key", "k-1");
            assertThat(stored.get(0)).containsEntry("traceparent", "00-" + TRACE_ID + "-" + span.spanId() + "-01");
        }
    }

    @Test
    void sampleRatioZeroLeavesNewTracesUnsampledButFollowsAProducerThatSampled() throws Exception {
        try (OtlpCollector collector = OtlpCollector.start()) {
            Tracing tracing = Tracing.of(config(collector.endpoint(), 0.0));
            EventAppender traced = tracing.ingress(log);
            traced.append("switchboard.t.default", EVENT, Map.of()).await();
            traced.append("switchboard.t.default", EVENT, Map.of("traceparent", traceparent("01")))
                    .await();
            tracing.close();

            assertThat(stored.get(0).get("traceparent"))
                    .as("the sampled bit (0x01) is off; 0x02 is W3C Trace Context level 2's random trace id flag")
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]")
                    .doesNotContain(TRACE_ID);
            assertThat(collector.spans()).singleElement().satisfies(span -> assertThat(span.traceId())
                    .isEqualTo(TRACE_ID));
        }
    }

    @Test
    void aWriteTheLogRefusedEndsTheIngressSpanWithAnError() throws Exception {
        try (OtlpCollector collector = OtlpCollector.start()) {
            Tracing tracing = Tracing.of(config(collector.endpoint(), 1.0));
            EventAppender down = (topic, event, headers) -> Future.failedFuture(new IllegalStateException("closed"));
            assertThat(tracing.ingress(down)
                            .append("switchboard.t.default", EVENT, Map.of())
                            .failed())
                    .isTrue();
            tracing.close();

            assertThat(collector.spans()).singleElement().satisfies(span -> {
                assertThat(span.error()).isTrue();
                assertThat(span.attributes()).containsEntry("error.type", "java.lang.IllegalStateException");
            });
        }
    }

    private static TracingConfig config(String endpoint, double ratio) {
        return new TracingConfig(Optional.of(URI.create(endpoint)), ratio, "switchboard-test");
    }

    private static String traceparent(String flags) {
        return "00-" + TRACE_ID + "-" + PRODUCER_SPAN_ID + "-" + flags;
    }
}
