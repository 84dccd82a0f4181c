package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import dev.switchboard.broker.config.RawValue.Scalar;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the server config file ({@code --config}, docs/configuration.md) into a {@link Layer}: every value keeps its
 * {@code file:line:column}, unknown keys and misplaced sections are problems at their position.
 */
final class ConfigFileSource {
    private final Problems problems;

    ConfigFileSource(Problems problems) {
        this.problems = problems;
    }

    Layer read(Path file) {
        Optional<String> text = readText(file);
        if (text.isEmpty()) {
            return Layer.empty();
        }
        YamlValueReader reader = new YamlValueReader(
                mark -> mark == null ? Origin.file(file) : Origin.file(file, mark.getLine() + 1, mark.getColumn() + 1),
                problems);
        Optional<RawValue> root = reader.read(text.get(), "");
        if (root.isEmpty() || root.get() instanceof Scalar s && s.isNull()) {
            return Layer.empty();
        }
        if (!(root.get() instanceof Mapping mapping)) {
            problems.error(
                    "",
                    "expected a mapping of configuration keys, got " + RawValue.describe(root.get()),
                    root.get().origin());
            return Layer.empty();
        }
        Layer.Builder layer = new Layer.Builder();
        walk(mapping, "", layer);
        return layer.build();
    }

    private Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            problems.error("", "config file not found", Origin.file(file));
        } catch (CharacterCodingException e) {
            problems.error("", "config file is not UTF-8 text", Origin.file(file));
        } catch (IOException e) {
            problems.error("", "cannot read config file: " + e, Origin.file(file));
        }
        return Optional.empty();
    }

    private void walk(Mapping mapping, String section, Layer.Builder layer) {
        for (Field field : mapping.fields()) {
            String path = section.isEmpty() ? field.name() : section + "." + field.name();
            RawValue value = field.value();
            boolean isNull = value instanceof Scalar s && s.isNull();
            Optional<ConfigKey> key = ConfigKey.byPath(path);
            if (key.isPresent()) {
                if (!isNull) {
                    layer.put(key.get(), value);
                }
            } else if (ConfigKey.isSection(path)) {
                if (value instanceof Mapping sub) {
                    walk(sub, path, layer);
                } else if (!isNull) {
                    problems.error(path, "expected a mapping, got " + RawValue.describe(value), value.origin());
                }
            } else {
                problems.error(
                        path,
                        "unknown key (known here: " + String.join(", ", ConfigKey.childNames(section)) + ")",
                        field.keyOrigin());
            }
        }
    }
}
