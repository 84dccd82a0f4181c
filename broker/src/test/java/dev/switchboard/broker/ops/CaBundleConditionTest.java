package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.testing.TestCertificates;
import dev.switchboard.triggers.reload.ResourceReloader;
import dev.switchboard.triggers.yaml.ResourceLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trigger's {@code switchboard.dev/ca-bundle} (docs/security.md) is checked by the broker, not the loader: a bundle
 * that is missing or not PEM shows the trigger Ready=False with reason {@code CaBundleUnreadable} and the file's
 * problem, never its contents; once the file is fixed the trigger is Ready again, without a reload.
 */
class CaBundleConditionTest {
    private static final String CANARY = "canary-not-a-certificate-5d0e7a";

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
    void showsTheTriggerNotReadyUntilItsCaBundleCanBeRead() throws Exception {
        Path bundle = dir.resolve("ca.pem");
        String yaml = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: secure
                  annotations:
                    switchboard.dev/ca-bundle: %s
                spec:
                  broker: default
                  subscriber:
                    uri: https://127.0.0.1:8443/hook
                """.formatted(bundle);
        ResourceReloader reloader = new ResourceReloader(
                OpsFixture.resources(yaml),
                () -> new ResourceLoader().loadString("r.yaml", yaml, List.of()),
                Clock.systemUTC());
        ops = new OpsFixture(reloader, TriggerControl.unavailable("none"));

        JsonObject missing = ready();
        assertThat(missing.getString("status")).isEqualTo("False");
        assertThat(missing.getString("reason")).isEqualTo("CaBundleUnreadable");
        assertThat(missing.getString("message")).isEqualTo("ca-bundle " + bundle + " does not exist");

        Files.writeString(bundle, CANARY + "\n");
        JsonObject notPem = ready();
        assertThat(notPem.getString("reason")).isEqualTo("CaBundleUnreadable");
        assertThat(notPem.getString("message")).contains(bundle.toString()).doesNotContain(CANARY);
        assertThat(ops.get("/api/v1/triggers").body()).doesNotContain(CANARY);

        Files.writeString(
                bundle,
                TestCertificates.pem(TestCertificates.authority("team-ca").certificate()));
        assertThat(ready().getString("status")).as(ready().encode()).isEqualTo("True");
    }

    private JsonObject ready() throws Exception {
        JsonArray items = new JsonObject(ops.get("/api/v1/triggers").body()).getJsonArray("items");
        JsonArray conditions = items.getJsonObject(0).getJsonObject("status").getJsonArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if ("Ready".equals(conditions.getJsonObject(i).getString("type"))) {
                return conditions.getJsonObject(i);
            }
        }
        throw new AssertionError("no Ready condition in " + conditions);
    }
}
