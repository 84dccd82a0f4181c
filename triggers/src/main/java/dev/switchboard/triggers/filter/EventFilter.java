package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;

/** A compiled trigger filter: decides whether one event is wanted. Thread-safe and side-effect free. */
@FunctionalInterface
public interface EventFilter {

    /** Whether {@code event} passes this filter. */
    boolean matches(CloudEvent event);
}
