package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Scalar;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the flags of {@code run} (docs/cli.md), already mapped by the CLI to key paths ({@code ingress.port},
 * {@code resources} comma-separated, {@code kafka.producer.linger.ms}), into a {@link Layer}. An unknown
 * path is a problem: it is a mistake of the caller, not of the user's environment.
 */
final class FlagSource {
    private final Problems problems;
    private final TextValueReader text;

    FlagSource(Problems problems) {
        this.problems = problems;
        this.text = new TextValueReader(problems);
    }

    Layer read(Map<String, String> flags) {
        Layer.Builder layer = new Layer.Builder();
        new TreeMap<>(flags).forEach((path, value) -> read(path, value, layer));
        return layer.build();
    }

    private void read(String path, String value, Layer.Builder layer) {
        Origin origin = Origin.flag(path);
        Optional<ConfigKey> key = ConfigKey.byPath(path).filter(k -> k.shape() != ConfigKey.Shape.MAP);
        if (key.isPresent()) {
            text.read(key.get(), value, origin).ifPresent(raw -> layer.put(key.get(), raw));
            return;
        }
        Optional<ConfigKey> map = Arrays.stream(ConfigKey.values())
                .filter(k -> k.shape() == ConfigKey.Shape.MAP)
                .filter(k -> path.startsWith(k.path() + ".")
                        && path.length() > k.path().length() + 1)
                .findFirst();
        if (map.isPresent()) {
            String property = path.substring(map.get().path().length() + 1);
            layer.putProperty(map.get(), new Field(property, origin, new Scalar(value, origin)));
            return;
        }
        problems.error(path, "not a configuration key", origin);
    }
}
