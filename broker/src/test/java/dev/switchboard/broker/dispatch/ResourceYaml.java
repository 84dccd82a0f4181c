package dev.switchboard.broker.dispatch;

import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds resource sets the way users write them: Knative Broker/Trigger YAML, loaded and validated. */
final class ResourceYaml {
    private final String namespace;
    private final List<String> documents = new ArrayList<>();

    private ResourceYaml(String namespace) {
        this.namespace = namespace;
    }

    static ResourceYaml in(String namespace) {
        return new ResourceYaml(namespace);
    }

    ResourceYaml broker(String name) {
        documents.add(String.join(
                "\n",
                "apiVersion: eventing.knative.dev/v1",
                "kind: Broker",
                "metadata:",
                "  name: " + name,
                "  namespace: " + namespace));
        return this;
    }

    /** A trigger on broker {@code broker} with optional annotations and an optional exact {@code type} filter. */
    ResourceYaml trigger(String name, String broker, String subscriber, Map<String, String> annotations, String type) {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n")
                .append("  name: ")
                .append(name)
                .append("\n  namespace: ")
                .append(namespace)
                .append('\n');
        if (!annotations.isEmpty()) {
            yaml.append("  annotations:\n");
            annotations.forEach((key, value) ->
                    yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        }
        yaml.append("spec:\n  broker: ").append(broker).append('\n');
        if (type != null) {
            yaml.append("  filter:\n    attributes:\n      type: ").append(type).append('\n');
        }
        yaml.append("  subscriber:\n    uri: ").append(subscriber).append('\n');
        documents.add(yaml.toString());
        return this;
    }

    ResourceYaml trigger(String name, String broker, String subscriber) {
        return trigger(name, broker, subscriber, Map.of(), null);
    }

    String text() {
        return documents.stream().collect(Collectors.joining("\n---\n"));
    }

    ResourceSet load() {
        LoadResult result = new ResourceLoader().loadString("test.yaml", text(), List.of());
        if (!(result instanceof LoadResult.Valid valid)) {
            throw new IllegalArgumentException(result.summary() + ": " + result.diagnostics() + "\n" + text());
        }
        return valid.resources();
    }

    static Map<String, String> annotations(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
