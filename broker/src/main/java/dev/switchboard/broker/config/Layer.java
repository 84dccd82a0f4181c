package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one source sets (file, environment or flags). Layers stack by docs/configuration.md precedence: a higher
 * layer replaces a key of a lower one, except the raw Kafka property maps, which merge per property.
 */
record Layer(Map<ConfigKey, RawValue> values) {
    Layer {
        values = Map.copyOf(values);
    }

    static Layer empty() {
        return new Layer(Map.of());
    }

    Optional<RawValue> get(ConfigKey key) {
        return Optional.ofNullable(values.get(key));
    }

    boolean sets(ConfigKey key) {
        return values.containsKey(key);
    }

    /** This layer with {@code higher} on top of it. */
    Layer overriddenBy(Layer higher) {
        Map<ConfigKey, RawValue> merged = new EnumMap<>(ConfigKey.class);
        merged.putAll(values);
        higher.values.forEach((key, value) -> merged.merge(key, value, Layer::merge));
        return new Layer(merged);
    }

    private static RawValue merge(RawValue lower, RawValue higher) {
        if (lower instanceof Mapping low && higher instanceof Mapping high) {
            Map<String, Field> byName = new LinkedHashMap<>();
            low.fields().forEach(f -> byName.put(f.name(), f));
            high.fields().forEach(f -> byName.put(f.name(), f));
            return new Mapping(new ArrayList<>(byName.values()), high.origin());
        }
        return higher;
    }

    /** Gathers the keys of a text source, including raw properties set one by one. */
    static final class Builder {
        private final Map<ConfigKey, RawValue> values = new EnumMap<>(ConfigKey.class);
        private final Map<ConfigKey, List<Field>> properties = new EnumMap<>(ConfigKey.class);

        void put(ConfigKey key, RawValue value) {
            values.put(key, value);
        }

        void putProperty(ConfigKey key, Field property) {
            properties.computeIfAbsent(key, k -> new ArrayList<>()).add(property);
        }

        Layer build() {
            Map<ConfigKey, RawValue> all = new EnumMap<>(values);
            properties.forEach((key, fields) ->
                    all.put(key, new Mapping(fields, fields.get(0).keyOrigin())));
            return new Layer(all);
        }
    }
}
