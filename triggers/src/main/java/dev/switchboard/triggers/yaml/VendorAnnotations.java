package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.SwitchboardAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code switchboard.dev/} annotations of one resource (plus any other keys the resource kind honours):
 * unknown vendor keys are errors, so a typo never passes silently; other annotations are free.
 */
final class VendorAnnotations {

    private final Optional<YamlMapping> annotations;
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param known the keys this kind reads
     * @param otherKind the vendor keys that belong to the other kind, for a clearer message
     * @param kind "Trigger" or "Broker"
     */
    VendorAnnotations(Optional<YamlMapping> annotations, Set<String> known, Set<String> otherKind, String kind) {
        this.annotations = annotations;
        annotations.ifPresent(mapping -> mapping.values().forEach((key, node) -> {
            if (known.contains(key)) {
                if (node instanceof ScalarNode scalar) {
                    values.put(key, NodeDescription.isNull(scalar) ? "" : scalar.getValue());
                }
            } else if (otherKind.contains(key)) {
                mapping.report().error(mapping.keyNode(key), mapping.path(key), key + " does not apply to a " + kind);
            } else if (key.startsWith(SwitchboardAnnotations.PREFIX)) {
                mapping.report()
                        .error(
                                mapping.keyNode(key),
                                mapping.path(key),
                                "unknown annotation \"" + key + "\"; known on a " + kind + ": "
                                        + String.join(", ", new TreeSet<>(known)));
            }
        }));
    }

    /** The annotation's text when present and a scalar (non-scalars were reported by the metadata reader). */
    Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Reports a bad value at the annotation's value. */
    void bad(String key, String message) {
        YamlMapping mapping = annotations.orElseThrow();
        Node value = mapping.value(key).orElseThrow();
        mapping.report().error(value, mapping.path(key), message);
    }

    /** {@code "true"} or {@code "false"}, else reported. */
    Optional<Boolean> flag(String key) {
        return text(key).flatMap(text -> {
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.parseBoolean(text));
            }
            bad(key, "expected \"true\" or \"false\", got \"" + text + "\"");
            return Optional.empty();
        });
    }

    /** One of {@code choices} (exact, lower case), else reported. */
    Optional<String> choice(String key, Set<String> choices) {
        return text(key).flatMap(text -> {
            if (choices.contains(text)) {
                return Optional.of(text);
            }
            bad(key, "expected one of " + String.join(", ", new TreeSet<>(choices)) + ", got \"" + text + "\"");
            return Optional.empty();
        });
    }
}
