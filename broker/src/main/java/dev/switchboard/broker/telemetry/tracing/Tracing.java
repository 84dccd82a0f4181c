package dev.switchboard.broker.telemetry.tracing;

import dev.switchboard.broker.config.TracingConfig;
import dev.switchboard.broker.delivery.DeliveryTracer;
import dev.switchboard.broker.log.EventAppender;

/**
 * What tracing adds to the pipeline (docs/tracing.md): the ingress's appender, wrapped to open a span per stored event,
 * and the delivery's tracer. {@link #OFF} changes nothing: the appender is handed back as it is and the delivery gets
 * {@link DeliveryTracer#OFF}, so the incoming {@code traceparent} travels unchanged and no OpenTelemetry class loads.
 */
public interface Tracing extends AutoCloseable {
    Tracing OFF = new Tracing() {
        @Override
        public EventAppender ingress(EventAppender appender) {
            return appender;
        }

        @Override
        public DeliveryTracer delivery() {
            return DeliveryTracer.OFF;
        }

        @Override
        public void close() {}
    };

    /** OpenTelemetry when {@code tracing.otlpEndpoint} is set, else {@link #OFF}. */
    static Tracing of(TracingConfig config) {
        return config.enabled() ? OpenTelemetryTracing.start(config) : OFF;
    }

    /** {@code appender} as the ingress should use it. */
    EventAppender ingress(EventAppender appender);

    DeliveryTracer delivery();

    /** Exports the spans still buffered, then stops. */
    @Override
    void close();
}
