package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;

/**
 * Subscriptions API {@code any}: at least one nested filter matches. An empty {@code any} therefore matches
 * nothing (the spec requires at least one nested expression, so such a trigger is also worth a warning).
 */
final class AnyFilter implements EventFilter {

    private final EventFilter[] filters;

    AnyFilter(EventFilter[] filters) {
        this.filters = filters.clone();
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (filter.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
