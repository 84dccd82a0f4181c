package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.reload.ResourceReloader;
import dev.switchboard.triggers.yaml.ResourceLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/status} (docs/configuration.md Hot reload, §6): the generation grows when a change is applied; a change
 * that does not validate is rejected whole and shows its errors with file, line and column while the last
 * good set keeps being served by the API.
 */
class ReloadStatusTest {
    @TempDir
    Path dir;

    private OpsFixture ops;

    @AfterEach
    void stop() throws Exception {
        if (ops != null) {
            ops.close();
        }
    }

    @Test
    void appliedThenRejectedChangeShowsGenerationAndErrors() throws Exception {
        Path file = dir.resolve("triggers.yaml");
        Files.writeString(file, trigger("orders", "http://127.0.0.1:8081/a"));
        ResourceLoader loader = new ResourceLoader();
        ResourceReloader reloader = new ResourceReloader(
                OpsFixture.resources(Files.readString(file)),
                () -> loader.load(List.of(file), List.of()),
                Clock.systemUTC());
        ops = new OpsFixture(reloader, TriggerControl.unavailable("none"));
        Instant before = Instant.now();

        JsonObject initial = new JsonObject(ops.get("/api/v1/status").body());
        assertThat(initial.getLong("generation")).isEqualTo(1);
        assertThat(initial.getJsonObject("lastReload").getString("result")).isEqualTo("applied");
        assertThat(initial.getJsonObject("lastReload").getJsonArray("errors")).isEmpty();

        Files.writeString(file, trigger("orders", "http://127.0.0.1:8081/b"));
        reloader.reload();

        JsonObject applied = new JsonObject(ops.get("/api/v1/status").body());
        assertThat(applied.getLong("generation")).isEqualTo(2);
        assertThat(applied.getJsonObject("lastReload").getString("result")).isEqualTo("applied");
        assertThat(Instant.parse(applied.getJsonObject("lastReload").getString("time")))
                .isAfterOrEqualTo(before.minusSeconds(1));
        JsonObject orders = new JsonObject(ops.get("/api/v1/triggers").body())
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(orders.getJsonObject("metadata").getLong("generation")).isEqualTo(2);
        assertThat(orders.getJsonObject("status").getString("subscriberUri")).isEqualTo("http://127.0.0.1:8081/b");

        Files.writeString(file, trigger("orders", "http://127.0.0.1:8081/c") + "  colour: blue\n");
        reloader.reload();

        JsonObject rejected = new JsonObject(ops.get("/api/v1/status").body());
        assertThat(rejected.getLong("generation")).isEqualTo(2);
        JsonObject lastReload = rejected.getJsonObject("lastReload");
        assertThat(lastReload.getString("result")).isEqualTo("rejected");
        JsonArray errors = lastReload.getJsonArray("errors");
        assertThat(errors).hasSize(1);
        JsonObject error = errors.getJsonObject(0);
        assertThat(error.getString("file")).endsWith("triggers.yaml");
        assertThat(error.getInteger("line")).isEqualTo(9);
        assertThat(error.getInteger("column")).isEqualTo(3);
        assertThat(error.getString("message")).contains("colour");
        JsonObject stillServed = new JsonObject(ops.get("/api/v1/triggers").body())
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(stillServed.getJsonObject("status").getString("subscriberUri"))
                .isEqualTo("http://127.0.0.1:8081/b");
    }

    private static String trigger(String name, String uri) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                spec:
                  broker: default
                  subscriber:
                    uri: %s
                """.formatted(name, uri);
    }
}
