package dev.switchboard.triggers.filter;

import dev.switchboard.triggers.model.FilterSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a filter implies about exact attribute values: for each attribute in the result, the filter can
 * only match an event whose {@link AttributeText} for that attribute is one of the listed values. The
 * result is sound but not complete: filters that imply nothing (prefix, suffix, not, cesql, match-all)
 * yield an empty map, which is always safe.
 *
 * <ul>
 *   <li>{@code filter.attributes} pins every entry whose value is not {@code ""};
 *   <li>{@code exact} pins every entry;
 *   <li>{@code all} pins the intersection of what its parts pin (an empty set means it never matches);
 *   <li>{@code any} pins an attribute only when every part pins it, to the union of their values.
 * </ul>
 */
final class PinnedAttributes {

    private PinnedAttributes() {}

    static Map<String, Set<String>> of(FilterSpec spec) {
        if (spec instanceof FilterSpec.Attributes attributes) {
            var pinned = new HashMap<String, Set<String>>();
            attributes.attributes().forEach((name, value) -> {
                if (!value.isEmpty()) {
                    pinned.put(name, Set.of(value));
                }
            });
            return pinned;
        } else if (spec instanceof FilterSpec.Exact exact) {
            var pinned = new HashMap<String, Set<String>>();
            exact.attributes().forEach((name, value) -> pinned.put(name, Set.of(value)));
            return pinned;
        } else if (spec instanceof FilterSpec.All all) {
            return ofAll(all.filters());
        } else if (spec instanceof FilterSpec.Any any) {
            return ofAny(any.filters());
        }
        return Map.of();
    }

    private static Map<String, Set<String>> ofAll(List<FilterSpec> parts) {
        var pinned = new HashMap<String, Set<String>>();
        for (FilterSpec part : parts) {
            of(part).forEach((name, values) -> pinned.merge(name, values, PinnedAttributes::intersection));
        }
        return pinned;
    }

    private static Map<String, Set<String>> ofAny(List<FilterSpec> parts) {
        if (parts.isEmpty()) {
            return Map.of(); // matches nothing; left to the fallback, where it costs one call
        }
        Map<String, Set<String>> pinned = null;
        for (FilterSpec part : parts) {
            Map<String, Set<String>> partPins = of(part);
            if (pinned == null) {
                pinned = new HashMap<>(partPins);
            } else {
                pinned.keySet().retainAll(partPins.keySet());
                pinned.replaceAll((name, values) -> union(values, partPins.get(name)));
            }
        }
        return pinned;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        var result = new HashSet<>(a);
        result.retainAll(b);
        return result;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var result = new HashSet<>(a);
        result.addAll(b);
        return result;
    }
}
