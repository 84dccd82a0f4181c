package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;

/** Subscriptions API {@code all}: every nested filter matches; an empty {@code all} matches every event. */
final class AllFilter implements EventFilter {

    private final EventFilter[] filters;

    AllFilter(EventFilter[] filters) {
        this.filters = filters.clone();
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (EventFilter filter : filters) {
            if (!filter.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
