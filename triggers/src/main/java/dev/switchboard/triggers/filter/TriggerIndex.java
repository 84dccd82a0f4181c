package dev.switchboard.triggers.filter;

import dev.switchboard.triggers.model.FilterSpec;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triggers of one broker, arranged so that matching an event tests only the triggers that can match it
 * (docs/routing-semantics.md "Filters"; docs/delivery.md "What a trigger promises": each matching trigger gets its own delivery).
 *
 * <p>Each filter that implies an exact attribute value ({@link PinnedAttributes}: {@code filter.attributes}
 * with a non-empty value, {@code exact}, an {@code all} containing one, an {@code any} whose every branch
 * pins the same attribute) is put in a hash bucket under that attribute and value, preferring {@code type},
 * then {@code source} and {@code subject}; the rest go to a fallback list tested for every event. Matching
 * looks up the event's value of each bucketed attribute (usually only {@code type}), then runs the full
 * compiled filter of each candidate. The result is therefore exactly what testing every filter would give,
 * in the order the triggers were added, and with most filters pinning {@code type} the cost does not grow
 * with the number of triggers. Immutable and thread-safe; build a new one when the triggers change.
 *
 * @param <T> what a match returns, e.g. a trigger's name or its dispatcher
 */
public final class TriggerIndex<T> {

    private static final List<String> PREFERRED_ATTRIBUTES = List.of("type", "source", "subject");

    private final String[] attributes;
    private final List<Map<String, List<Candidate<T>>>> buckets;
    private final List<Candidate<T>> fallback;
    private final int size;

    private TriggerIndex(
            String[] attributes, List<Map<String, List<Candidate<T>>>> buckets, List<Candidate<T>> fallback, int size) {
        this.attributes = attributes;
        this.buckets = buckets;
        this.fallback = fallback;
        this.size = size;
    }

    /** A builder whose filters are compiled with {@code compiler}. */
    public static <T> Builder<T> builder(FilterCompiler compiler) {
        return new Builder<>(compiler);
    }

    /** The keys of every trigger whose filter matches {@code event}, in the order they were added. */
    public List<T> match(CloudEvent event) {
        @SuppressWarnings("unchecked")
        List<Candidate<T>>[] sources = new List[attributes.length + 1];
        int count = 0;
        for (int i = 0; i < attributes.length; i++) {
            String value = AttributeText.orNull(event, attributes[i]);
            if (value != null) {
                List<Candidate<T>> bucket = buckets.get(i).get(value);
                if (bucket != null) {
                    sources[count++] = bucket;
                }
            }
        }
        if (!fallback.isEmpty()) {
            sources[count++] = fallback;
        }
        if (count == 0) {
            return List.of();
        }
        var matched = new ArrayList<T>();
        if (count == 1) {
            for (Candidate<T> candidate : sources[0]) {
                candidate.collectIfMatches(event, matched);
            }
        } else {
            mergeInOrder(event, sources, count, matched);
        }
        return matched;
    }

    /** How many triggers the index holds. */
    public int size() {
        return size;
    }

    /** Walks several candidate lists, each sorted by ordinal, in global ordinal order. */
    private static <T> void mergeInOrder(CloudEvent event, List<Candidate<T>>[] sources, int count, List<T> out) {
        int[] positions = new int[count];
        while (true) {
            int next = -1;
            int lowest = Integer.MAX_VALUE;
            for (int s = 0; s < count; s++) {
                if (positions[s] < sources[s].size()) {
                    int ordinal = sources[s].get(positions[s]).ordinal();
                    if (ordinal < lowest) {
                        lowest = ordinal;
                        next = s;
                    }
                }
            }
            if (next < 0) {
                return;
            }
            sources[next].get(positions[next]++).collectIfMatches(event, out);
        }
    }

    private record Candidate<T>(int ordinal, T key, EventFilter filter) {
        void collectIfMatches(CloudEvent event, List<T> out) {
            if (filter.matches(event)) {
                out.add(key);
            }
        }
    }

    /** Collects triggers in order; not thread-safe. */
    public static final class Builder<T> {

        private final FilterCompiler compiler;
        private final Map<String, Map<String, List<Candidate<T>>>> buckets = new LinkedHashMap<>();
        private final List<Candidate<T>> fallback = new ArrayList<>();
        private int size;

        private Builder(FilterCompiler compiler) {
            this.compiler = compiler;
        }

        /**
         * Adds a trigger.
         *
         * @throws InvalidFilterException when the filter does not compile
         */
        public Builder<T> add(T key, FilterSpec spec) {
            return add(key, spec, compiler.compile(spec));
        }

        /**
         * Adds a trigger whose filter was compiled already ({@code compiled} must be {@code spec} compiled): the
         * index is rebuilt whenever a broker's triggers change, and compiling a thousand CESQL filters each time
         * would cost more than the rest of the rebuild.
         */
        public Builder<T> add(T key, FilterSpec spec, EventFilter compiled) {
            var candidate = new Candidate<>(size, key, compiled);
            size++;
            Map<String, Set<String>> pinned = PinnedAttributes.of(spec);
            String attribute = chooseAttribute(pinned);
            if (attribute == null) {
                fallback.add(candidate);
            } else {
                var byValue = buckets.computeIfAbsent(attribute, name -> new HashMap<>());
                for (String value : pinned.get(attribute)) {
                    byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(candidate);
                }
            }
            return this;
        }

        public TriggerIndex<T> build() {
            var names = new ArrayList<String>();
            var maps = new ArrayList<Map<String, List<Candidate<T>>>>();
            buckets.forEach((name, byValue) -> {
                var frozen = new HashMap<String, List<Candidate<T>>>();
                byValue.forEach((value, list) -> frozen.put(value, List.copyOf(list)));
                names.add(name);
                maps.add(Collections.unmodifiableMap(frozen));
            });
            return new TriggerIndex<>(names.toArray(String[]::new), List.copyOf(maps), List.copyOf(fallback), size);
        }

        private static String chooseAttribute(Map<String, Set<String>> pinned) {
            if (pinned.isEmpty()) {
                return null;
            }
            for (String preferred : PREFERRED_ATTRIBUTES) {
                if (pinned.containsKey(preferred)) {
                    return preferred;
                }
            }
            return pinned.keySet().stream().sorted().findFirst().orElseThrow();
        }
    }
}
