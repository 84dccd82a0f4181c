package dev.switchboard.broker.codec;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Optional;

/** What a reader made of a request: the events to store, or why none will be. */
public record ReadResult(List<CloudEvent> events, Optional<Rejection> rejection) {
    public static ReadResult of(List<CloudEvent> events) {
        return new ReadResult(List.copyOf(events), Optional.empty());
    }

    public static ReadResult of(Rejection rejection) {
        return new ReadResult(List.of(), Optional.of(rejection));
    }
}
