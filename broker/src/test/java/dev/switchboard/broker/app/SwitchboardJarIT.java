package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a user meets it (README.md, docs/cli.md): started with no arguments it brings up the embedded Kafka,
 * prints the banner and {@code ports.json}, the curl line it prints is accepted, and SIGTERM drains and
 * exits 0. Bad configuration and bad resources exit 2; {@code validate} exits 0 or 1 with file:line:column.
 */
class SwitchboardJarIT {
    /** Port 0 through the environment so the no-argument start cannot collide with anything on the machine. */
    private static final Map<String, String> FREE_PORTS =
            Map.of("SWITCHBOARD_INGRESS_PORT", "0", "SWITCHBOARD_OPS_PORT", "0");

    @TempDir
    Path workDir;

    @Test
    void startsWithNoArgumentsAcceptsTheBannersCurlLineAndDrainsOnSigterm() throws Exception {
        try (JarProcess switchboard = JarProcess.start(workDir, FREE_PORTS)) {
            await().atMost(Duration.ofSeconds(90))
                    .failFast(() -> !switchboard.isAlive())
                    .until(() -> switchboard.out().contains("Switchboard is ready."));

            JsonNode ports = new ObjectMapper()
                    .readTree(workDir.resolve("data/ports.json").toFile());
            int ingressPort = ports.get("ingress").asInt();
            assertThat(ingressPort).isPositive();
            assertThat(ports.get("ops").asInt()).isPositive();
            assertThat(ports.get("kafka").asText()).startsWith("127.0.0.1:");
            assertThat(switchboard.out())
                    .anyMatch(line -> line.contains("http://127.0.0.1:" + ingressPort + "/default/default"));

            Optional<String> curlLine = switchboard.out().stream()
                    .map(String::trim)
                    .filter(line -> line.startsWith("curl "))
                    .findFirst();
            assertThat(curlLine)
                    .as("banner curl line in:\n%s", switchboard.output())
                    .isPresent();
            Process curl = new ProcessBuilder("bash", "-c", curlLine.get() + " -sS -o /dev/null -w '%{http_code}'")
                    .redirectErrorStream(true)
                    .start();
            String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(curl.waitFor()).isZero();
            assertThat(status).isEqualTo("202");

            switchboard.terminate();
            assertThat(switchboard.waitForExit(60)).as(switchboard.output()).isZero();
        }
    }

    @Test
    void badConfigurationExits2NamingTheKey() throws Exception {
        Path config = workDir.resolve("switchboard.yaml");
        Files.writeString(config, "ingress:\n  port: eighty\n");
        try (JarProcess switchboard = JarProcess.start(workDir, Map.of(), "run", "--config", config.toString())) {
            assertThat(switchboard.waitForExit(60)).isEqualTo(2);
            await().untilAsserted(() -> assertThat(String.join("\n", switchboard.err()))
                    .contains("ingress.port")
                    .contains("switchboard.yaml:2:"));
        }
    }

    @Test
    void invalidResourcesExit2WithFileLineAndColumn() throws Exception {
        Path resources = workDir.resolve("switchboard.d");
        Files.createDirectories(resources);
        Files.writeString(resources.resolve("bad.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: broken
                spec:
                  broker: default
                  subscriber:
                    uri: http://127.0.0.1:1/
                  delivery:
                    backoffDelay: soon
                """);
        try (JarProcess switchboard = JarProcess.start(workDir, FREE_PORTS)) {
            assertThat(switchboard.waitForExit(90)).as(switchboard.output()).isEqualTo(2);
            await().untilAsserted(() -> assertThat(String.join("\n", switchboard.err()))
                    .contains("bad.yaml:10:")
                    .contains("backoffDelay"));
        }
    }

    @Test
    void validatePrintsEveryErrorWithItsPositionAndASummary() throws Exception {
        Path good = workDir.resolve("good.yaml");
        Files.writeString(good, """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: orders
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: com.example.order.created
                  subscriber:
                    uri: http://127.0.0.1:8081/orders
                """);
        Path bad = workDir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: broken
                spec:
                  broker: default
                  subscriber:
                    uri: /relative
                  colour: blue
                """);
        try (JarProcess valid = JarProcess.start(workDir, Map.of(), "validate", good.toString())) {
            assertThat(valid.waitForExit(60)).as(valid.output()).isZero();
        }
        try (JarProcess invalid = JarProcess.start(workDir, Map.of(), "validate", good.toString(), bad.toString())) {
            assertThat(invalid.waitForExit(60)).isEqualTo(1);
            await().untilAsserted(() -> assertThat(invalid.out())
                    .anyMatch(line -> line.startsWith(bad + ":8:") && line.contains("uri"))
                    .anyMatch(line -> line.startsWith(bad + ":9:") && line.contains("colour"))
                    .anyMatch(line -> line.startsWith("invalid")));
        }
    }
}
