/**
 * OpenTelemetry tracing (docs/tracing.md): a span for each event the ingress stores and one for each delivery attempt,
 * in the event's trace, exported over OTLP/HTTP. It sits beside the pipeline like the ops stage: the app wires it into
 * the ingress's appender and the delivery's {@code DeliveryTracer}, and with tracing off none of it is loaded.
 */
package dev.switchboard.broker.telemetry.tracing;
