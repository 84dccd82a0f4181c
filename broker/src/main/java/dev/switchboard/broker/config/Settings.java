package dev.switchboard.broker.config;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The effective layer of a load with the reader that types it: a key's typed value, or its default when
 * no source set it or its value is invalid (the problem is then recorded and the load fails).
 */
final class Settings {
    private final Layer layer;
    private final ValueReader reader;

    Settings(Layer layer, ValueReader reader) {
        this.layer = layer;
        this.reader = reader;
    }

    ValueReader reader() {
        return reader;
    }

    boolean sets(ConfigKey key) {
        return layer.sets(key);
    }

    <T> Optional<T> get(ConfigKey key, BiFunction<String, RawValue, Optional<T>> type) {
        return layer.get(key).flatMap(raw -> type.apply(key.path(), raw));
    }

    <T> T get(ConfigKey key, BiFunction<String, RawValue, Optional<T>> type, T defaultValue) {
        return get(key, type).orElse(defaultValue);
    }

    Origin origin(ConfigKey key) {
        return layer.get(key).map(RawValue::origin).orElse(Origin.defaults());
    }
}
