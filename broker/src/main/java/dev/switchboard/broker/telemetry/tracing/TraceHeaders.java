package dev.switchboard.broker.telemetry.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C Trace Context headers ({@code traceparent}, {@code tracestate}) stored beside an event, read as a span's
 * parent and written for a span (W3C Trace Context §3).
 */
final class TraceHeaders {
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceHeaders() {}

    /** The trace the headers continue, or the root context (a new trace) when they carry none. */
    static Context parent(Map<String, String> headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** {@code headers} with the trace headers of {@code span} in place of theirs. */
    static Map<String, String> of(Span span, Map<String, String> headers) {
        Map<String, String> traced = new HashMap<>(headers);
        W3C.inject(Context.root().with(span), traced, Map::put);
        return traced;
    }
}
