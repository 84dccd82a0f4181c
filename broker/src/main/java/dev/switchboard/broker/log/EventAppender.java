package dev.switchboard.broker.log;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import java.util.Map;

/** Appends accepted events to a broker's log; the future succeeds once the log has durably stored the event. */
public interface EventAppender {

    /**
     * Stores {@code event} in {@code topic}, unchanged, stamped with the time it was accepted.
     *
     * @param transportHeaders headers that travel beside the event but are not part of it (W3C
     *     {@code traceparent}, {@code tracestate})
     */
    Future<Void> append(String topic, CloudEvent event, Map<String, String> transportHeaders);
}
