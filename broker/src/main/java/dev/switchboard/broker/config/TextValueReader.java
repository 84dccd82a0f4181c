package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Scalar;
import dev.switchboard.broker.config.RawValue.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the one-line text of an environment variable or a flag by the shape of its key: a scalar as is,
 * a list comma-separated ({@code a,b}), {@code refs} as a JSON array.
 */
final class TextValueReader {
    private final Problems problems;

    TextValueReader(Problems problems) {
        this.problems = problems;
    }

    Optional<RawValue> read(ConfigKey key, String text, Origin origin) {
        return switch (key.shape()) {
            case SCALAR -> Optional.of(new Scalar(text, origin));
            case LIST -> Optional.of(list(text, origin));
            case RECORDS -> records(key, text, origin);
            case MAP -> throw new IllegalArgumentException(key + " is set one property at a time");
        };
    }

    private static RawValue list(String text, Origin origin) {
        List<RawValue> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(new Scalar(item.strip(), origin));
            }
        }
        return new Sequence(items, origin);
    }

    private Optional<RawValue> records(ConfigKey key, String text, Origin origin) {
        if (text.isBlank()) {
            return Optional.of(new Sequence(List.of(), origin));
        }
        return new YamlValueReader(mark -> origin, problems).read(text, key.path());
    }
}
