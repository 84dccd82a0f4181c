package dev.switchboard.broker.config;

import dev.switchboard.broker.config.RawValue.Field;
import dev.switchboard.broker.config.RawValue.Mapping;
import dev.switchboard.broker.config.RawValue.Scalar;
import dev.switchboard.broker.config.RawValue.Sequence;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses one YAML (or JSON) document with SnakeYAML's node API, keeping the position of every value, and
 * turns it into {@link RawValue}s. Syntax errors and duplicate keys become problems at their position.
 */
final class YamlValueReader {
    private static final int MAX_DEPTH = 32;

    private final Function<Mark, Origin> origins;
    private final Problems problems;

    /** {@code origins} places a SnakeYAML mark (0-based line and column) as an {@link Origin}. */
    YamlValueReader(Function<Mark, Origin> origins, Problems problems) {
        this.origins = origins;
        this.problems = problems;
    }

    /** The document's value, or empty when the text holds no document or does not parse. */
    Optional<RawValue> read(String text, String key) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.error(key, "malformed YAML: " + e.getProblem(), origins.apply(mark));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.error(key, "malformed YAML: " + e.getMessage(), origins.apply(null));
            return Optional.empty();
        }
        return root == null ? Optional.empty() : Optional.of(convert(root, key, 0));
    }

    private RawValue convert(Node node, String key, int depth) {
        Origin origin = origins.apply(node.getStartMark());
        if (depth > MAX_DEPTH) {
            problems.error(key, "nested too deeply", origin);
            return new Scalar(null, origin);
        }
        if (node instanceof ScalarNode scalar) {
            return new Scalar(Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue(), origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<RawValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, key + "[" + items.size() + "]", depth + 1));
            }
            return new Sequence(items, origin);
        }
        return mapping((MappingNode) node, key, depth, origin);
    }

    private RawValue mapping(MappingNode node, String key, int depth, Origin origin) {
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : node.getValue()) {
            Origin keyOrigin = origins.apply(tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || Tag.NULL.equals(keyNode.getTag())) {
                problems.error(key, "expected a plain key, got a complex or empty key", keyOrigin);
                continue;
            }
            String name = keyNode.getValue();
            String path = key.isEmpty() ? name : key + "." + name;
            if (!seen.add(name)) {
                problems.error(path, "duplicate key", keyOrigin);
                continue;
            }
            fields.add(new Field(name, keyOrigin, convert(tuple.getValueNode(), path, depth + 1)));
        }
        return new Mapping(fields, origin);
    }
}
