package dev.switchboard.triggers.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger's filter as written in YAML, before compilation into a predicate.
 *
 * <p>{@link Attributes} is Knative's {@code spec.filter.attributes}; the other cases are the
 * CloudEvents Subscriptions API filter dialects used by Knative's {@code spec.filters}
 * (https://github.com/cloudevents/spec/blob/main/subscriptions/spec.md#324-filters). A list of
 * {@code filters} is an implicit {@link All}.
 */
public sealed interface FilterSpec {

    /** {@code filter.attributes}: every entry must match exactly; value {@code ""} means "present, any value". */
    record Attributes(Map<String, String> attributes) implements FilterSpec {
        public Attributes {
            attributes = Map.copyOf(attributes);
        }
    }

    /** {@code exact}: each attribute equals its value (case-sensitive). */
    record Exact(Map<String, String> attributes) implements FilterSpec {
        public Exact {
            attributes = Map.copyOf(attributes);
        }
    }

    /** {@code prefix}: each attribute starts with its value. */
    record Prefix(Map<String, String> attributes) implements FilterSpec {
        public Prefix {
            attributes = Map.copyOf(attributes);
        }
    }

    /** {@code suffix}: each attribute ends with its value. */
    record Suffix(Map<String, String> attributes) implements FilterSpec {
        public Suffix {
            attributes = Map.copyOf(attributes);
        }
    }

    /** {@code all}: every nested filter matches. */
    record All(List<FilterSpec> filters) implements FilterSpec {
        public All {
            filters = List.copyOf(filters);
        }
    }

    /** {@code any}: at least one nested filter matches. */
    record Any(List<FilterSpec> filters) implements FilterSpec {
        public Any {
            filters = List.copyOf(filters);
        }
    }

    /** {@code not}: the nested filter does not match. */
    record Not(FilterSpec filter) implements FilterSpec {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** {@code cesql}: a CloudEvents SQL v1 expression. */
    record Cesql(String expression) implements FilterSpec {
        public Cesql {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** No filter at all: every event matches. */
    record MatchAll() implements FilterSpec {}
}
