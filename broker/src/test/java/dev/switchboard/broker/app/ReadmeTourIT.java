package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, in its order, as a newcomer follows it: start the jar in an empty folder (no
 * {@code switchboard.d/}), then create the folder, put the tour's trigger in it, {@code validate} it, see the
 * trigger Ready in {@code triggers} and {@code /api/v1/triggers} without a restart, send with curl and with
 * {@code send}, and see both deliveries at the subscriber (a Vert.x server in the test, standing where the
 * tour's {@code http://127.0.0.1:8081/} is). The start is quiet: no WARN line from a clean start to the drain.
 */
class ReadmeTourIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Map<String, String> FREE_PORTS =
            Map.of("SWITCHBOARD_INGRESS_PORT", "0", "SWITCHBOARD_OPS_PORT", "0");

    @TempDir
    Path workDir;

    private Vertx vertx;
    private HttpServer subscriber;
    private final List<Map<String, String>> delivered = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSubscriber() throws Exception {
        vertx = Vertx.vertx();
        subscriber = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    delivered.add(Map.of(
                            "id", String.valueOf(request.getHeader("ce-id")),
                            "type", String.valueOf(request.getHeader("ce-type")),
                            "source", String.valueOf(request.getHeader("ce-source")),
                            "body", body.toString(StandardCharsets.UTF_8)));
                    request.response().setStatusCode(202).end();
                }))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopSubscriber() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void tourWorksAsWrittenFromAnEmptyFolder() throws Exception {
        Path triggersDir = workDir.resolve("switchboard.d");
        assertThat(triggersDir).doesNotExist();
        try (JarProcess switchboard = JarProcess.start(workDir, FREE_PORTS)) {
            // 1. Start it.
            await().atMost(PATIENCE)
                    .failFast(() -> !switchboard.isAlive())
                    .until(() -> switchboard.out().contains("Switchboard is ready."));
            JsonNode ports = new ObjectMapper()
                    .readTree(workDir.resolve("data/ports.json").toFile());
            String ingress = "http://127.0.0.1:" + ports.get("ingress").asInt();
            String ops = "http://127.0.0.1:" + ports.get("ops").asInt();
            assertThat(switchboard.out()).anyMatch(line -> line.startsWith("Triggers: none loaded"));

            // 5. Declare a trigger: the folder did not exist at start.
            Files.createDirectory(triggersDir);
            Files.writeString(triggersDir.resolve("hello-logger.yaml"), """
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: hello-logger
                    spec:
                      broker: default
                      filter:
                        attributes:
                          type: com.example.hello
                      subscriber:
                        uri: http://127.0.0.1:%d/
                    """.formatted(subscriber.actualPort()));
            try (JarProcess validate = JarProcess.start(workDir, Map.of(), "validate", "switchboard.d/")) {
                assertThat(validate.waitForExit(60)).as(validate.output()).isZero();
            }

            // 6. Watch it: Ready in the CLI (typed as the README has it: no --ops, ./data/ports.json says where) and
            // the API, without a restart.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(triggersTable())
                    .anyMatch(line -> line.matches(
                            "default\\s+hello-logger\\s+default\\s+\\S+\\s+\\S+\\s+(\\d+) OK / \\1\\s+True\\b.*")));
            JsonNode triggers = new ObjectMapper().readTree(get(ops + "/api/v1/triggers"));
            assertThat(triggers.at("/items/0/metadata/name").asText()).isEqualTo("hello-logger");
            assertThat(triggers.at("/items/0/status/conditions/0/status").asText())
                    .isEqualTo("True");

            // A person reads the table before sending; the test waits for the trigger's cursor instead (its lag
            // gauge is registered once its start position is committed, docs/dispatch.md "Start").
            await().atMost(PATIENCE).until(() -> get(ops + "/metrics")
                    .contains("switchboard_trigger_lag_events{namespace=\"default\",trigger=\"hello-logger\"}"));

            // 2. Send an event with curl; 3. send one with the CLI.
            assertThat(curl(ingress + "/default/default")).isEqualTo("202");
            try (JarProcess send = JarProcess.start(
                    workDir,
                    Map.of(),
                    "send",
                    "--ingress",
                    ingress,
                    "--type",
                    "com.example.hello",
                    "--source",
                    "/cli",
                    "--data",
                    "{\"n\":1}")) {
                assertThat(send.waitForExit(60)).as(send.output()).isZero();
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivered)
                    .anySatisfy(event -> assertThat(event)
                            .containsEntry("id", "1")
                            .containsEntry("source", "/curl")
                            .containsEntry("body", "{\"hello\":\"world\"}"))
                    .anySatisfy(event ->
                            assertThat(event).containsEntry("source", "/cli").containsEntry("body", "{\"n\":1}")));

            switchboard.terminate();
            assertThat(switchboard.waitForExit(60)).as(switchboard.output()).isZero();
            assertThat(Stream.concat(switchboard.out().stream(), switchboard.err().stream()))
                    .as("a clean run logs no WARN:\n%s", switchboard.output())
                    .noneMatch(line -> line.contains(" WARN "));
        }
    }

    private List<String> triggersTable() throws Exception {
        try (JarProcess triggers = JarProcess.start(workDir, Map.of(), "triggers")) {
            assertThat(triggers.waitForExit(60)).as(triggers.output()).isZero();
            await().until(() -> !triggers.out().isEmpty());
            return triggers.out();
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The README's first curl line (step 2), answering with the status code only. */
    private static String curl(String brokerUrl) throws Exception {
        Process curl = new ProcessBuilder(
                        "curl",
                        "-sS",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code}",
                        "-X",
                        "POST",
                        brokerUrl,
                        "-H",
                        "ce-specversion: 1.0",
                        "-H",
                        "ce-id: 1",
                        "-H",
                        "ce-type: com.example.hello",
                        "-H",
                        "ce-source: /curl",
                        "-H",
                        "content-type: application/json",
                        "-d",
                        "{\"hello\":\"world\"}")
                .redirectErrorStream(true)
                .start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(curl.waitFor()).isZero();
        return status;
    }
}
