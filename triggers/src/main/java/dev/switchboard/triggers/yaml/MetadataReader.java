package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code metadata}: {@code name} (required), {@code namespace} (default {@code default}), and free
 * {@code labels} and {@code annotations} whose values may be any scalar. Other Kubernetes metadata fields are
 * unknown fields.
 */
final class MetadataReader {

    private static final Set<String> FIELDS = Set.of("name", "namespace", "labels", "annotations");

    /**
     * Metadata, the annotations mapping (which the options readers check for {@code switchboard.dev/} keys) and
     * the name's node, where duplicates are reported.
     */
    record Read(ObjectMeta metadata, Optional<YamlMapping> annotations, Node nameNode) {}

    Optional<Read> read(YamlMapping metadata) {
        FileDiagnostics report = metadata.report();
        int before = report.errorCount();
        metadata.allowOnly(FIELDS);
        Optional<String> name = metadata.requiredString("name").filter(n -> isLabel(metadata, "name", n));
        String namespace = metadata.string("namespace")
                .filter(n -> isLabel(metadata, "namespace", n))
                .orElse(ObjectMeta.DEFAULT_NAMESPACE);
        Map<String, String> labels =
                metadata.mapping("labels").map(this::strings).orElse(Map.of());
        Optional<YamlMapping> annotations = metadata.mapping("annotations");
        Map<String, String> annotationValues = annotations.map(this::strings).orElse(Map.of());
        if (report.errorCount() > before || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Read(
                new ObjectMeta(namespace, name.get(), labels, annotationValues, 1),
                annotations,
                metadata.value("name").orElseThrow()));
    }

    private boolean isLabel(YamlMapping metadata, String key, String value) {
        String problem = Names.dnsLabelProblem(value);
        if (problem != null) {
            metadata.report().error(metadata.value(key).orElseThrow(), metadata.path(key), problem);
            return false;
        }
        return true;
    }

    private Map<String, String> strings(YamlMapping mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        mapping.values().forEach((key, node) -> scalarText(mapping, key, node).ifPresent(v -> values.put(key, v)));
        return values;
    }

    private static Optional<String> scalarText(YamlMapping mapping, String key, Node node) {
        if (NodeDescription.isNull(node)) {
            return Optional.of("");
        }
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        mapping.report().error(node, mapping.path(key), "expected a string, got " + NodeDescription.of(node));
        return Optional.empty();
    }
}
