package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Looking up rendered Kubernetes resources by kind and name. */
final class Manifests {

    private Manifests() {}

    static List<ObjectNode> all(List<ObjectNode> manifests, String kind) {
        return manifests.stream()
                .filter(m -> m.path("kind").asText().equals(kind))
                .toList();
    }

    static JsonNode only(List<ObjectNode> manifests, String kind) {
        List<ObjectNode> found = all(manifests, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    static JsonNode named(List<ObjectNode> manifests, String kind, String name) {
        return all(manifests, kind).stream()
                .filter(m -> m.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
