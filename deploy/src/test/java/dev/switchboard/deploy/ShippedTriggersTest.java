package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Broker/Trigger YAML that {@code deploy/} ships validates with the loader the server uses (docs/configuration.md). */
class ShippedTriggersTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void composeTriggerFolderIsValid() {
        LoadResult result = loader.load(List.of(DeployFiles.dir().resolve("compose/triggers")), List.of());
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(((LoadResult.Valid) result).resources().triggers()).isNotEmpty();
    }

    @Test
    void kubernetesTriggerConfigMapIsValid() {
        Path file = DeployFiles.dir().resolve("kubernetes/configmap-triggers.yaml");
        Map<String, String> texts = new HashMap<>();
        JsonNode data = DeployFiles.documents(file).get(0).get("data");
        data.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        LoadResult result = loader.loadStrings(texts, List.of());
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(((LoadResult.Valid) result).resources().triggers()).isNotEmpty();
    }
}
