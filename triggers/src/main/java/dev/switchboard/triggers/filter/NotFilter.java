package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;

/** Subscriptions API {@code not}: the nested filter does not match. */
record NotFilter(EventFilter negated) implements EventFilter {

    @Override
    public boolean matches(CloudEvent event) {
        return !negated.matches(event);
    }
}
