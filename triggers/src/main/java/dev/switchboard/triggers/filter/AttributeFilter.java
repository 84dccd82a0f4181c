package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * The string dialects ({@code filter.attributes}, {@code exact}, {@code prefix}, {@code suffix}): every entry
 * must match, and an attribute the event does not carry never matches (Subscriptions API §3.2.4,
 * https://github.com/cloudevents/spec/blob/main/subscriptions/spec.md#324-filters). An empty map matches
 * every event.
 */
final class AttributeFilter implements EventFilter {

    private final StringMatch match;
    private final String[] names;
    private final String[] values;

    AttributeFilter(StringMatch match, Map<String, String> attributes) {
        this.match = match;
        var sorted = new TreeMap<>(attributes); // a stable evaluation order
        this.names = sorted.keySet().toArray(String[]::new);
        this.values = sorted.values().toArray(String[]::new);
    }

    @Override
    public boolean matches(CloudEvent event) {
        for (int i = 0; i < names.length; i++) {
            String actual = AttributeText.orNull(event, names[i]);
            if (actual == null || !match.test(actual, values[i])) {
                return false;
            }
        }
        return true;
    }
}
