package dev.switchboard.broker.config;

import java.util.List;

/**
 * A configuration value as written, before it is typed: a scalar's text, a sequence or a mapping, each
 * with its {@link Origin}. Every source (file, environment, flags) is read into this shape, so
 * precedence and typing are the same whatever the source.
 */
sealed interface RawValue {
    Origin origin();

    /** A scalar; {@code text} is null for YAML {@code null} / {@code ~} / an empty value. */
    record Scalar(String text, Origin origin) implements RawValue {
        boolean isNull() {
            return text == null;
        }
    }

    record Sequence(List<RawValue> items, Origin origin) implements RawValue {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping, fields in the order written; {@code keyOrigin} is where the key itself stands. */
    record Mapping(List<Field> fields, Origin origin) implements RawValue {
        public Mapping {
            fields = List.copyOf(fields);
        }
    }

    record Field(String name, Origin keyOrigin, RawValue value) {}

    /** How a value is named in messages: "a scalar", "a list", "a mapping". */
    static String describe(RawValue value) {
        if (value instanceof Scalar s) {
            return s.isNull() ? "nothing" : "'" + s.text() + "'";
        }
        return value instanceof Sequence ? "a list" : "a mapping";
    }
}
