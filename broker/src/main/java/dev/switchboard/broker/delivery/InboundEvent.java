package dev.switchboard.broker.delivery;

import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * One event as read from a broker topic, with where it came from (dead letters carry that provenance)
 * and the transport headers stored beside it at ingress (W3C {@code traceparent}, {@code tracestate}).
 */
public record InboundEvent(
        CloudEvent event,
        String topic,
        int partition,
        long offset,
        long timestampMillis,
        Map<String, String> transportHeaders) {
    public InboundEvent {
        transportHeaders = Map.copyOf(transportHeaders);
    }
}
