package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Scalar;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads {@code SWITCHBOARD_*} environment variables (docs/cli.md, docs/configuration.md) into a {@link Layer}: one variable per
 * key ({@link ConfigKey#envName()}), and for the raw Kafka maps one variable per property,
 * {@code SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS=5} being {@code linger.ms=5}. The map is injected; this
 * class never reads the process environment. Unknown {@code SWITCHBOARD_*} variables are warnings.
 */
final class EnvironmentSource {
    /** The config file when {@code --config} is not given (read by {@link ConfigLoader}); not a configuration key. */
    static final String CONFIG_FILE_VARIABLE = "SWITCHBOARD_CONFIG";

    private static final Map<String, ConfigKey> BY_ENV_NAME = Arrays.stream(ConfigKey.values())
            .collect(Collectors.toUnmodifiableMap(ConfigKey::envName, Function.identity()));

    private final Problems problems;
    private final TextValueReader text;

    EnvironmentSource(Problems problems) {
        this.problems = problems;
        this.text = new TextValueReader(problems);
    }

    Layer read(Map<String, String> environment) {
        Layer.Builder layer = new Layer.Builder();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(ConfigKey.ENV_PREFIX) && !name.equals(CONFIG_FILE_VARIABLE)) {
                read(name, value, layer);
            }
        });
        return layer.build();
    }

    private void read(String name, String value, Layer.Builder layer) {
        Origin origin = Origin.environment(name);
        ConfigKey key = BY_ENV_NAME.get(name);
        if (key != null && key.shape() != ConfigKey.Shape.MAP) {
            text.read(key, value, origin).ifPresent(raw -> layer.put(key, raw));
            return;
        }
        Optional<ConfigKey> map = mapKeyOf(name);
        if (map.isPresent()) {
            String property = name.substring(map.get().envName().length() + 1)
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            layer.putProperty(map.get(), new Field(property, origin, new Scalar(value, origin)));
            return;
        }
        problems.warn(name, "not a configuration variable, ignored", Origin.defaults());
    }

    private static Optional<ConfigKey> mapKeyOf(String name) {
        return Arrays.stream(ConfigKey.values())
                .filter(k -> k.shape() == ConfigKey.Shape.MAP)
                .filter(k -> name.startsWith(k.envName() + "_")
                        && name.length() > k.envName().length() + 1)
                .findFirst();
    }
}
