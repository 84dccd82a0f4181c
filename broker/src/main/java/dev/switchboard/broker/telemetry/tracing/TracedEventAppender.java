package dev.switchboard.broker.telemetry.tracing;

import dev.switchboard.broker.log.EventAppender;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The ingress's appender with a span for each event it stores (docs/tracing.md): a {@code PRODUCER} span named
 * {@code send {topic}} (OpenTelemetry messaging conventions, operation type {@code send}), a child of the request's
 * {@code traceparent} when it had one, from the hand-over to Kafka to its acknowledgement. The event is stored with
 * that span's {@code traceparent}, so its deliveries continue the same trace.
 */
final class TracedEventAppender implements EventAppender {
    private final EventAppender log;
    private final Tracer tracer;

    TracedEventAppender(EventAppender log, Tracer tracer) {
        this.log = log;
        this.tracer = tracer;
    }

    @Override
    public Future<Void> append(String topic, CloudEvent event, Map<String, String> transportHeaders) {
        Span span = SpanAttributes.event(
                        tracer.spanBuilder("send " + topic)
                                .setParent(TraceHeaders.parent(transportHeaders))
                                .setSpanKind(SpanKind.PRODUCER),
                        event)
                .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(SpanAttributes.MESSAGING_OPERATION_NAME, "send")
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION_NAME, topic)
                .startSpan();
        return log.append(topic, event, TraceHeaders.of(span, transportHeaders)).andThen(stored -> {
            if (stored.failed()) {
                span.setStatus(StatusCode.ERROR, "not stored: " + stored.cause().getMessage());
                span.setAttribute(
                        SpanAttributes.ERROR_TYPE, stored.cause().getClass().getName());
            }
            span.end();
        });
    }
}
