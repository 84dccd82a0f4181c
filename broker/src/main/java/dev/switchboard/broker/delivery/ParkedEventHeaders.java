package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance of an event parked in a broker's {@code .dlq} topic (docs/delivery.md "Dead-letter"), carried as Kafka
 * record headers beside the event so that its own attributes are only augmented by the Knative {@code
 * knativeerror*} extensions. {@code redrive} selects a trigger's parked events by {@link #TRIGGER}.
 *
 * <p>Header values are UTF-8 strings; none starts with {@code ce_}, so CloudEvents readers ignore them.
 */
public final class ParkedEventHeaders {
    /** The trigger whose delivery failed, {@code namespace/name}. */
    public static final String TRIGGER = "switchboard-trigger";
    /** How many attempts the subscriber got, decimal. */
    public static final String ATTEMPTS = "switchboard-attempts";
    /** Why the event was parked: the subscriber's last failure, and the sink's when there is one. */
    public static final String REASON = "switchboard-reason";
    /** The topic the event was read from. */
    public static final String ORIGIN_TOPIC = "switchboard-origin-topic";
    /** Its partition there, decimal. */
    public static final String ORIGIN_PARTITION = "switchboard-origin-partition";
    /** Its offset there, decimal. */
    public static final String ORIGIN_OFFSET = "switchboard-origin-offset";

    private ParkedEventHeaders() {}

    /** The headers of a parked event, plus the trace headers it travelled with. */
    static Map<String, String> of(ResourceId trigger, InboundEvent event, int attempts, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RequestEncoder.TRACE_HEADERS) {
            String value = event.transportHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        headers.put(TRIGGER, trigger.toString());
        headers.put(ATTEMPTS, Integer.toString(attempts));
        headers.put(REASON, reason);
        headers.put(ORIGIN_TOPIC, event.topic());
        headers.put(ORIGIN_PARTITION, Integer.toString(event.partition()));
        headers.put(ORIGIN_OFFSET, Long.toString(event.offset()));
        return headers;
    }
}
