package dev.switchboard.broker.telemetry.tracing;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * The attribute names of Switchboard's spans: the OpenTelemetry semantic conventions for CloudEvents, messaging
 * (Kafka) and HTTP clients, Knative's names for brokers and triggers, and Switchboard's own for delivery attempts
 * (docs/tracing.md lists them).
 */
final class SpanAttributes {
    static final AttributeKey<String> CLOUDEVENTS_EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    static final AttributeKey<String> CLOUDEVENTS_EVENT_SOURCE = AttributeKey.stringKey("cloudevents.event_source");
    static final AttributeKey<String> CLOUDEVENTS_EVENT_SPEC_VERSION =
            AttributeKey.stringKey("cloudevents.event_spec_version");
    static final AttributeKey<String> CLOUDEVENTS_EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> CLOUDEVENTS_EVENT_SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGING_DESTINATION_PARTITION_ID =
            AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> MESSAGING_KAFKA_OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> MESSAGING_KAFKA_MESSAGE_KEY =
            AttributeKey.stringKey("messaging.kafka.message.key");

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> KN_BROKER_NAMESPACE = AttributeKey.stringKey("kn.broker.namespace");
    static final AttributeKey<String> KN_BROKER_NAME = AttributeKey.stringKey("kn.broker.name");
    static final AttributeKey<String> KN_TRIGGER_NAME = AttributeKey.stringKey("kn.trigger.name");

    static final AttributeKey<Long> DELIVERY_ATTEMPT = AttributeKey.longKey("switchboard.delivery.attempt");
    static final AttributeKey<String> DELIVERY_DESTINATION = AttributeKey.stringKey("switchboard.delivery.destination");
    static final AttributeKey<String> DELIVERY_OUTCOME = AttributeKey.stringKey("switchboard.delivery.outcome");

    /** The CloudEvents extension whose value is the Kafka record key (CloudEvents Kafka binding §3). */
    private static final String PARTITION_KEY = "partitionkey";

    private SpanAttributes() {}

    /** The CloudEvents semantic conventions' attributes of {@code event}, and its Kafka record key. */
    static SpanBuilder event(SpanBuilder span, CloudEvent event) {
        span.setAttribute(CLOUDEVENTS_EVENT_ID, event.getId())
                .setAttribute(CLOUDEVENTS_EVENT_SOURCE, event.getSource().toString())
                .setAttribute(
                        CLOUDEVENTS_EVENT_SPEC_VERSION, event.getSpecVersion().toString())
                .setAttribute(CLOUDEVENTS_EVENT_TYPE, event.getType())
                .setAttribute(MESSAGING_SYSTEM, "kafka");
        if (event.getSubject() != null) {
            span.setAttribute(CLOUDEVENTS_EVENT_SUBJECT, event.getSubject());
        }
        Object key = event.getExtension(PARTITION_KEY);
        if (key != null) {
            span.setAttribute(MESSAGING_KAFKA_MESSAGE_KEY, key.toString());
        }
        return span;
    }
}
