package dev.switchboard.triggers.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping with its field path, read field by field: every accessor reports wrong types, and
 * {@link #allowOnly} reports unknown fields, to the file's {@link FileDiagnostics}. Duplicate keys are reported
 * when the mapping is opened; the first occurrence wins.
 */
final class YamlMapping {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_]+");

    private final Node anchor;
    private final String path;
    private final FileDiagnostics report;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMapping(Node anchor, String path, FileDiagnostics report) {
        this.anchor = anchor;
        this.path = path;
        this.report = report;
    }

    /**
     * Opens {@code value} as a mapping; a null value is an empty mapping, anything else is reported.
     *
     * @param anchor where "missing field" problems are reported: the key that holds the mapping, or the mapping
     */
    static Optional<YamlMapping> open(Node value, Node anchor, String path, FileDiagnostics report) {
        YamlMapping mapping = new YamlMapping(anchor, path, report);
        if (NodeDescription.isNull(value)) {
            return Optional.of(mapping);
        }
        if (!(value instanceof MappingNode node)) {
            report.error(value, path, "expected a mapping, got " + NodeDescription.of(value));
            return Optional.empty();
        }
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || NodeDescription.isNull(key)) {
                report.error(tuple.getKeyNode(), path, "a field name must be a string");
                continue;
            }
            NodeTuple first = mapping.entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                report.error(
                        key,
                        mapping.path(key.getValue()),
                        "duplicate field \"" + key.getValue() + "\" (first at line "
                                + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
            }
        }
        return Optional.of(mapping);
    }

    String path() {
        return path;
    }

    Node anchor() {
        return anchor;
    }

    FileDiagnostics report() {
        return report;
    }

    /** The path of a field: {@code spec.broker}, or {@code metadata.annotations[switchboard.dev/paused]}. */
    String path(String key) {
        if (!SIMPLE_KEY.matcher(key).matches()) {
            return path + "[" + key + "]";
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports every field not in {@code known}, at the field's key. */
    void allowOnly(Set<String> known) {
        entries.forEach((key, tuple) -> {
            if (!known.contains(key)) {
                report.error(tuple.getKeyNode(), path(key), "unknown field \"" + key + "\"");
            }
        });
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /** Every field's value node, in document order. */
    Map<String, Node> values() {
        Map<String, Node> values = new LinkedHashMap<>();
        entries.forEach((key, tuple) -> values.put(key, tuple.getValueNode()));
        return Collections.unmodifiableMap(values);
    }

    /** A scalar's text; any non-null scalar is accepted as a string. */
    Optional<String> string(String key) {
        return value(key).flatMap(node -> {
            if (node instanceof ScalarNode scalar && !NodeDescription.isNull(scalar)) {
                return Optional.of(scalar.getValue());
            }
            report.error(node, path(key), "expected a string, got " + NodeDescription.of(node));
            return Optional.empty();
        });
    }

    /** Like {@link #string} but reports a missing or empty field. */
    Optional<String> requiredString(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        Optional<String> text = string(key);
        if (text.isPresent() && text.get().isEmpty()) {
            report.error(value(key).orElseThrow(), path(key), "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** A plain integer scalar; a quoted number is a string, as in Kubernetes. */
    Optional<Long> integer(String key) {
        return value(key).flatMap(node -> {
            if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
                try {
                    return Optional.of(Long.parseLong(scalar.getValue().replace("_", "")));
                } catch (NumberFormatException e) {
                    report.error(node, path(key), "integer out of range: " + scalar.getValue());
                    return Optional.empty();
                }
            }
            report.error(node, path(key), "expected an integer, got " + NodeDescription.of(node));
            return Optional.empty();
        });
    }

    Optional<YamlMapping> mapping(String key) {
        return value(key).flatMap(node -> open(node, keyNode(key), path(key), report));
    }

    Optional<YamlMapping> requiredMapping(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return mapping(key);
    }

    /** A list's items; null counts as an empty list. */
    Optional<List<Node>> sequence(String key) {
        return value(key).flatMap(node -> {
            if (NodeDescription.isNull(node)) {
                return Optional.of(List.of());
            }
            if (node instanceof SequenceNode sequence) {
                return Optional.of(sequence.getValue());
            }
            report.error(node, path(key), "expected a list, got " + NodeDescription.of(node));
            return Optional.empty();
        });
    }

    void missing(String key) {
        report.error(anchor, path(key), "missing required field \"" + key + "\"");
    }
}
