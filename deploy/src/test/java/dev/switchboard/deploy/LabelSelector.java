package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selectors: a Service's {@code spec.selector} (a plain map) and the {@code matchLabels} plus
 * {@code matchExpressions} ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}) of workloads,
 * disruption budgets and ServiceMonitors. An empty selector is refused here: none of ours may select everything.
 */
final class LabelSelector {

    private LabelSelector() {}

    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.path("matchLabels").isEmpty()
                && selector.path("matchExpressions").isEmpty()) {
            throw new AssertionError("an empty selector selects everything: " + selector);
        }
        if (selector.has("matchLabels") && !matchesLabels(selector.get("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.get("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean present = labels.has(key);
            boolean matched =
                    switch (expression.get("operator").asText()) {
                        case "In" -> present && values.contains(labels.get(key).asText());
                        case "NotIn" ->
                            !present || !values.contains(labels.get(key).asText());
                        case "Exists" -> present;
                        case "DoesNotExist" -> !present;
                        default -> throw new AssertionError("unknown operator in " + expression);
                    };
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    static boolean matchesLabels(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isEmpty()) {
            throw new AssertionError("an empty selector selects everything");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!labels.has(label.getKey())
                    || !labels.get(label.getKey())
                            .asText()
                            .equals(label.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
