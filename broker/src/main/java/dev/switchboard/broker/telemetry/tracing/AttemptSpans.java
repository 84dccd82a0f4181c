package dev.switchboard.broker.telemetry.tracing;

import dev.switchboard.broker.delivery.DeliveryTarget;
import dev.switchboard.broker.delivery.DeliveryTracer;
import dev.switchboard.broker.delivery.InboundEvent;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.Locale;

/**
 * A {@code CLIENT} span for each delivery attempt (docs/tracing.md), a child of the trace context stored with the
 * event (the ingress span when Switchboard stored it), named {@code deliver {namespace}/{trigger}} for the subscriber
 * and {@code dead-letter {namespace}/{trigger}} for the dead-letter sink. The attempt's request carries the span as
 * its {@code traceparent}.
 */
final class AttemptSpans implements DeliveryTracer {
    private final Tracer tracer;

    AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Attempts attempts(DeliveryTarget target, InboundEvent event, Destination destination) {
        Context parent = TraceHeaders.parent(event.transportHeaders());
        URI url = destination == Destination.SUBSCRIBER
                ? target.subscriber()
                : target.deadLetterSink().orElseThrow();
        String name = (destination == Destination.SUBSCRIBER ? "deliver " : "dead-letter ")
                + target.trigger().namespace() + "/" + target.trigger().name();
        return attempt -> {
            SpanBuilder span = SpanAttributes.event(
                            tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CLIENT), event.event())
                    .setAttribute(SpanAttributes.MESSAGING_DESTINATION_NAME, event.topic())
                    .setAttribute(
                            SpanAttributes.MESSAGING_DESTINATION_PARTITION_ID, Integer.toString(event.partition()))
                    .setAttribute(SpanAttributes.MESSAGING_KAFKA_OFFSET, event.offset())
                    .setAttribute(
                            SpanAttributes.KN_BROKER_NAMESPACE, target.broker().namespace())
                    .setAttribute(SpanAttributes.KN_BROKER_NAME, target.broker().name())
                    .setAttribute(
                            SpanAttributes.KN_TRIGGER_NAME, target.trigger().name())
                    .setAttribute(
                            SpanAttributes.DELIVERY_DESTINATION,
                            destination.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .setAttribute(SpanAttributes.DELIVERY_ATTEMPT, (long) attempt);
            http(span, url, attempt);
            return new AttemptSpan(span.startSpan());
        };
    }

    /**
     * The HTTP client conventions' request attributes. {@code url.full} leaves out the user info and the query, which
     * may hold credentials.
     */
    private static void http(SpanBuilder span, URI url, int attempt) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        span.setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, "POST")
                .setAttribute(SpanAttributes.SERVER_ADDRESS, url.getHost())
                .setAttribute(SpanAttributes.SERVER_PORT, (long) port)
                .setAttribute(
                        SpanAttributes.URL_FULL,
                        url.getScheme() + "://" + url.getHost() + ":" + port
                                + (url.getRawPath() == null ? "" : url.getRawPath()));
        if (attempt > 1) {
            span.setAttribute(SpanAttributes.HTTP_REQUEST_RESEND_COUNT, (long) attempt - 1);
        }
    }
}
