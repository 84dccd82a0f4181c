package dev.switchboard.broker.telemetry.tracing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real OTLP/HTTP trace receiver on 127.0.0.1: it takes {@code POST /v1/traces} in protobuf, as a collector does,
 * decodes every exported span with the OTLP protobuf messages, and answers with an empty export response.
 */
final class OtlpCollector implements AutoCloseable {
    /** One received span, its ids in lower-case hex as in {@code traceparent}. */
    record ReceivedSpan(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Span.SpanKind kind,
            Map<String, String> attributes,
            boolean error,
            String serviceName) {

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private OtlpCollector(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (request.method() != HttpMethod.POST
                            || !request.path().equals("/v1/traces")
                            || !"application/x-protobuf".equals(request.getHeader("content-type"))) {
                        problems.add(request.method() + " " + request.path() + " " + request.getHeader("content-type"));
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    try {
                        receive(ExportTraceServiceRequest.parseFrom(body.getBytes()));
                        request.response()
                                .putHeader("content-type", "application/x-protobuf")
                                .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance()
                                        .toByteArray()));
                    } catch (InvalidProtocolBufferException e) {
                        problems.add("undecodable export: " + e.getMessage());
                        request.response().setStatusCode(400).end();
                    }
                }));
    }

    static OtlpCollector start() throws Exception {
        OtlpCollector collector = new OtlpCollector(Vertx.vertx());
        collector.server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return collector;
    }

    /** The endpoint to configure as {@code tracing.otlpEndpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not a protobuf trace export to {@code /v1/traces}. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void receive(ExportTraceServiceRequest export) {
        HexFormat hex = HexFormat.of();
        export.getResourceSpansList().forEach(resourceSpans -> {
            String service = attributes(resourceSpans.getResource()).get("service.name");
            resourceSpans.getScopeSpansList().forEach(scope -> scope.getSpansList()
                    .forEach(span -> spans.add(new ReceivedSpan(
                            hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()),
                            span.getName(),
                            span.getKind(),
                            attributes(span.getAttributesList()),
                            span.getStatus().getCode()
                                    == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
                            service))));
        });
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        return values.stream()
                .collect(Collectors.toMap(KeyValue::getKey, value -> text(value.getValue()), (a, b) -> b));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    Optional<ReceivedSpan> span(String spanId) {
        return spans.stream().filter(span -> span.spanId().equals(spanId)).findFirst();
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
