package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the image without Docker: its layers unpacked into a folder that becomes the root ({@code unshare
 * --root}, with a fresh /proc as a container runtime mounts one) of a process run as uid 65532 with the image's
 * environment only. This proves the image runnable: the runtime, its shared libraries and its modules suffice
 * for the CLI and for a server with embedded Kafka.
 *
 * <p>Assumes root (to change root and user) and util-linux {@code unshare}; otherwise it is skipped, saying so.
 */
class ContainerImageRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private static Path rootfs;
    private static Map<String, String> imageEnvironment;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        assumeTrue(
                "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))),
                "running the image needs root (unshare --root, --setuid); skipped as not root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "util-linux unshare is missing; skipped");
        ImageTar image = ImageTar.open(ImageTar.built(), work.resolve("tar"));
        rootfs = work.resolve("rootfs");
        image.unpackLayers(rootfs);
        imageEnvironment = environment(image.containerConfig().get("Env"));
        // what a container runtime provides: the /proc mount point and the character devices the JVM reads
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        for (String[] device : new String[][] {{"null", "3"}, {"random", "8"}, {"urandom", "9"}, {"zero", "5"}}) {
            exec(List.of(
                    "mknod", "-m", "666", rootfs.resolve("dev/" + device[0]).toString(), "c", "1", device[1]));
        }
    }

    @Test
    void javaRunsInsideTheImageAsTheNonRootUser() throws Exception {
        Finished java = runToEnd("/opt/java/bin/java", "-XshowSettings:properties", "-version");
        assertThat(java.exitCode()).as(java.output()).isZero();
        assertThat(java.output()).contains("java.home = /opt/java", "user.name = nonroot", "java.version = 17");
    }

    @Test
    void validatesTriggerYamlInsideTheImage() throws Exception {
        Path triggers = Files.createDirectories(rootfs.resolve("tmp/triggers"));
        Files.writeString(triggers.resolve("orders.yaml"), """
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
                    uri: http://subscriber:8080/orders
                """);
        Finished validate = runToEnd(entrypoint("validate", "/tmp/triggers"));
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("valid: 1 broker, 1 trigger");
    }

    @Test
    void servesHealthAndAcceptsAnEventWithEmbeddedKafkaInsideTheImage() throws Exception {
        Path log = work.resolve("server.log");
        Process server = start(log, entrypoint("run", "--ingress-port", "0", "--ops-port", "0"));
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            Path portsFile = rootfs.resolve("data/ports.json");
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !server.isAlive() || Files.isRegularFile(portsFile));
            assertThat(server.isAlive()).as(() -> read(log)).isTrue();
            server.descendants().forEach(tree::add);
            JsonNode ports = JSON.readTree(Files.readString(portsFile));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String ops = "http://127.0.0.1:" + ports.get("ops").asInt();
            assertThat(get(http, ops + "/livez")).isEqualTo(200);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(http, ops + "/readyz"))
                    .as(() -> read(log))
                    .isEqualTo(200));

            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + ports.get("ingress").asInt() + "/default/default"))
                            .header("ce-specversion", "1.0")
                            .header("ce-id", "image-1")
                            .header("ce-type", "com.example.order.created")
                            .header("ce-source", "/deploy/test")
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"order\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            // as `docker stop` does: SIGTERM to the JVM (unshare --fork ignores SIGTERM while it waits for it)
            tree.forEach(ProcessHandle::destroy);
            assertThat(server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue())
                    .as("exit code after a clean drain (docs/cli.md)")
                    .isZero();
        } finally {
            tree.forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(1, TimeUnit.MINUTES);
            // wait for the JVM to be gone before the folder it writes in is deleted
            await().atMost(PATIENCE).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private record Finished(int exitCode, String output) {}

    private static String[] entrypoint(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "/opt/java/bin/java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "/app/switchboard.jar"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private static Finished runToEnd(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "run", ".log");
        Process process = start(log, command);
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end: " + String.join(" ", command) + "\n" + read(log));
        }
        return new Finished(process.exitValue(), read(log));
    }

    /** Starts {@code command} inside the image's root, as 65532:65532, in /data, with the image's env only. */
    private static Process start(Path log, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc=/proc",
                "--root=" + rootfs,
                "--wd=/data",
                "--setuid=65532",
                "--setgid=65532"));
        line.addAll(List.of(command));
        ProcessBuilder builder =
                new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(imageEnvironment);
        return builder.start();
    }

    private static int get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static Map<String, String> environment(JsonNode env) {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        env.forEach(v -> {
            String text = v.asText();
            int eq = text.indexOf('=');
            variables.put(text.substring(0, eq), text.substring(eq + 1));
        });
        return variables;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0)
                .as(String.join(" ", command))
                .isTrue();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
