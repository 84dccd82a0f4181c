package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The server config a rendered pod runs with: the {@code switchboard.yaml} key of the ConfigMap its {@code config} volume mounts. */
final class ServerConfigText {

    private ServerConfigText() {}

    static String text(List<ObjectNode> manifests, JsonNode pod) {
        String configMap = null;
        for (JsonNode volume : pod.get("volumes")) {
            if (volume.get("name").asText().equals("config")) {
                configMap = volume.at("/configMap/name").asText();
            }
        }
        return Manifests.named(manifests, "ConfigMap", configMap)
                .at("/data/switchboard.yaml")
                .asText();
    }

    static JsonNode of(List<ObjectNode> manifests, JsonNode pod) {
        try {
            return new YAMLMapper().readTree(text(manifests, pod));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
