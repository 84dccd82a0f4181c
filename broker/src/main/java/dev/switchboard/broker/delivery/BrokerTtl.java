package dev.switchboard.broker.delivery;

import io.cloudevents.CloudEvent;
import java.util.OptionalInt;

/**
 * The reply loop guard (docs/delivery.md "Reply"; Knative's {@code knativebrokerttl}): a reply carries the triggering
 * event's TTL minus one, 255 standing in for an absent TTL, and is not published when that is 0 or less. A
 * TTL that is not an integer counts as absent.
 */
final class BrokerTtl {
    static final String EXTENSION = "knativebrokerttl";
    static final int DEFAULT = 255;

    /** The TTL a reply to {@code trigger} carries, or empty when the reply must not be published. */
    OptionalInt forReplyTo(CloudEvent trigger) {
        int next = current(trigger) - 1;
        return next > 0 ? OptionalInt.of(next) : OptionalInt.empty();
    }

    private static int current(CloudEvent event) {
        Object value = event.getExtension(EXTENSION);
        if (value instanceof Integer ttl) {
            return ttl;
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString().strip());
            } catch (NumberFormatException notAnInteger) {
                return DEFAULT;
            }
        }
        return DEFAULT;
    }
}
