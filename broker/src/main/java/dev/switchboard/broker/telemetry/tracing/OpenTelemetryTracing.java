package dev.switchboard.broker.telemetry.tracing;

import dev.switchboard.broker.config.TracingConfig;
import dev.switchboard.broker.delivery.DeliveryTracer;
import dev.switchboard.broker.log.EventAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK as {@code tracing} configures it (docs/tracing.md): spans sampled parent-based at {@code
 * sampleRatio}, batched, and exported as OTLP protobuf to {@code POST {otlpEndpoint}/v1/traces}, under the resource
 * attribute {@code service.name}. No global OpenTelemetry is registered and no context is read from threads: every
 * span's parent comes from the trace headers stored with its event.
 */
final class OpenTelemetryTracing implements Tracing {
    static final String TRACES_PATH = "/v1/traces";
    private static final String INSTRUMENTATION_SCOPE = "dev.switchboard.broker";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final long SHUTDOWN_SECONDS = 10;

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private OpenTelemetryTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get(INSTRUMENTATION_SCOPE);
    }

    static OpenTelemetryTracing start(TracingConfig config) {
        String endpoint = config.otlpEndpoint().orElseThrow().toString().replaceAll("/+$", "");
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint + TRACES_PATH)
                .build();
        Resource resource =
                Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName())));
        return new OpenTelemetryTracing(SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build());
    }

    @Override
    public EventAppender ingress(EventAppender appender) {
        return new TracedEventAppender(appender, tracer);
    }

    @Override
    public DeliveryTracer delivery() {
        return new AttemptSpans(tracer);
    }

    @Override
    public void close() {
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
