package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.FilterSpec;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a trigger's filters (docs/routing-semantics.md "Filters"): {@code filter.attributes} (Knative's exact-match map, where
 * {@code ""} means "present with any value") and {@code filters}, a list of CloudEvents Subscriptions API
 * dialect objects (https://github.com/cloudevents/spec/blob/main/subscriptions/spec.md#324-filters). As in
 * Knative's trigger validation, {@code exact}/{@code prefix}/{@code suffix} hold exactly one attribute,
 * {@code all}/{@code any} at least one nested filter; CESQL is checked with the SDK's parser.
 */
final class FilterReader {

    static final Set<String> DIALECTS = Set.of("exact", "prefix", "suffix", "all", "any", "not", "cesql");

    private final FileDiagnostics report;

    FilterReader(FileDiagnostics report) {
        this.report = report;
    }

    /** {@code spec.filter}: only {@code attributes}. */
    Optional<FilterSpec> readAttributes(YamlMapping filter) {
        int before = report.errorCount();
        filter.allowOnly(Set.of("attributes"));
        Map<String, String> attributes =
                filter.mapping("attributes").map(m -> attributeMap(m, true)).orElse(Map.of());
        return report.errorCount() > before ? Optional.empty() : Optional.of(new FilterSpec.Attributes(attributes));
    }

    /** {@code spec.filters}: the list is an implicit {@code all}. */
    Optional<FilterSpec> readList(List<Node> items, String path) {
        return list(items, path).map(FilterSpec.All::new);
    }

    private Optional<List<FilterSpec>> list(List<Node> items, String path) {
        int before = report.errorCount();
        List<FilterSpec> filters = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            YamlMapping.open(item, item, path + "[" + i + "]", report)
                    .flatMap(this::dialect)
                    .ifPresent(filters::add);
        }
        return report.errorCount() > before ? Optional.empty() : Optional.of(filters);
    }

    private Optional<FilterSpec> dialect(YamlMapping filter) {
        Set<String> keys = filter.keys();
        if (keys.size() != 1) {
            report.error(
                    filter.anchor(),
                    filter.path(),
                    "a filter must have exactly one dialect (" + String.join(", ", sorted(DIALECTS)) + "), got "
                            + (keys.isEmpty() ? "none" : keys.size() + ": " + String.join(", ", keys)));
            return Optional.empty();
        }
        String dialect = keys.iterator().next();
        Node value = filter.value(dialect).orElseThrow();
        String path = filter.path(dialect);
        return switch (dialect) {
            case "exact" -> single(filter, dialect).map(FilterSpec.Exact::new);
            case "prefix" -> single(filter, dialect).map(FilterSpec.Prefix::new);
            case "suffix" -> single(filter, dialect).map(FilterSpec.Suffix::new);
            case "all" -> nested(filter, dialect, FilterSpec.All::new);
            case "any" -> nested(filter, dialect, FilterSpec.Any::new);
            case "not" ->
                YamlMapping.open(value, value, path, report)
                        .flatMap(this::dialect)
                        .map(FilterSpec.Not::new);
            case "cesql" -> filter.string(dialect).flatMap(expression -> cesql(value, path, expression));
            default -> {
                report.error(
                        filter.keyNode(dialect),
                        path,
                        "unknown filter dialect \"" + dialect + "\", expected one of "
                                + String.join(", ", sorted(DIALECTS)));
                yield Optional.empty();
            }
        };
    }

    private Optional<Map<String, String>> single(YamlMapping filter, String dialect) {
        return filter.mapping(dialect).flatMap(attributes -> {
            if (attributes.keys().size() != 1) {
                report.error(
                        attributes.anchor(),
                        attributes.path(),
                        dialect + " must hold exactly one attribute, got "
                                + attributes.keys().size());
                return Optional.empty();
            }
            int before = report.errorCount();
            Map<String, String> map = attributeMap(attributes, false);
            return report.errorCount() > before ? Optional.empty() : Optional.of(map);
        });
    }

    private Optional<FilterSpec> nested(
            YamlMapping filter, String dialect, Function<List<FilterSpec>, FilterSpec> make) {
        return filter.sequence(dialect).flatMap(items -> {
            if (items.isEmpty()) {
                report.error(filter.keyNode(dialect), filter.path(dialect), dialect + " must hold at least one filter");
                return Optional.empty();
            }
            return list(items, filter.path(dialect)).map(make);
        });
    }

    private Optional<FilterSpec> cesql(Node value, String path, String expression) {
        if (expression.isBlank()) {
            report.error(value, path, "must not be empty");
            return Optional.empty();
        }
        try {
            Parser.parseDefault(expression);
            return Optional.of(new FilterSpec.Cesql(expression));
        } catch (ParseException e) {
            report.error(value, path, "invalid CESQL expression: " + e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // the SDK's parser throws NullPointerException for some malformed input (found by fuzzing)
            report.error(value, path, "invalid CESQL expression: " + expression);
            return Optional.empty();
        }
    }

    private Map<String, String> attributeMap(YamlMapping attributes, boolean emptyAllowed) {
        Map<String, String> map = new LinkedHashMap<>();
        attributes.values().forEach((name, node) -> {
            if (!Names.isAttributeName(name)) {
                report.error(
                        attributes.keyNode(name),
                        attributes.path(name),
                        "invalid attribute name \"" + name + "\": CloudEvents attribute names are lower-case"
                                + " letters and digits");
            }
            if (!(node instanceof ScalarNode scalar)) {
                report.error(node, attributes.path(name), "expected a string, got " + NodeDescription.of(node));
                return;
            }
            String text = NodeDescription.isNull(scalar) ? "" : scalar.getValue();
            if (text.isEmpty() && !emptyAllowed) {
                report.error(node, attributes.path(name), "must not be empty");
                return;
            }
            map.put(name, text);
        });
        return map;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
