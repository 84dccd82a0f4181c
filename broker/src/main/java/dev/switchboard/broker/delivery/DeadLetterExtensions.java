package dev.switchboard.broker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalInt;

/**
 * Adds the Knative dead-letter extensions to a failed event (docs/delivery.md "Dead-letter"; Knative
 * https://knative.dev/docs/eventing/event-delivery/#configuring-dead-letter-sink-extensions): {@code
 * knativeerrordest} the subscriber URL, {@code knativeerrorcode} the last HTTP status (absent after a transport
 * error or timeout), {@code knativeerrordata} the first KiB of the last response body, base64 (absent when the
 * body was empty). Every other attribute and the data stay as they were.
 */
final class DeadLetterExtensions {
    static final String ERROR_DEST = "knativeerrordest";
    static final String ERROR_CODE = "knativeerrorcode";
    static final String ERROR_DATA = "knativeerrordata";
    static final int MAX_ERROR_DATA_BYTES = 1024;

    CloudEvent augment(CloudEvent event, URI subscriber, OptionalInt lastStatus, byte[] lastBody) {
        CloudEventBuilder builder = CloudEventBuilder.from(event).withExtension(ERROR_DEST, subscriber.toString());
        lastStatus.ifPresent(status -> builder.withExtension(ERROR_CODE, Integer.toString(status)));
        if (lastBody.length > 0) {
            byte[] kept =
                    lastBody.length > MAX_ERROR_DATA_BYTES ? Arrays.copyOf(lastBody, MAX_ERROR_DATA_BYTES) : lastBody;
            builder.withExtension(ERROR_DATA, Base64.getEncoder().encodeToString(kept));
        }
        return builder.build();
    }
}
