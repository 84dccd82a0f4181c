package dev.switchboard.samples;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar broker/target/switchboard.jar run} as a separate process with embedded Kafka, free ports and a
 * resources folder, the way a user runs it. Started when {@code /readyz} answers 200 on the ops port read from
 * {@code {dataDir}/ports.json} (docs/configuration.md, docs/delivery.md: every trigger loaded at startup is then positioned); killed when closed.
 */
final class SwitchboardJar implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("switchboard.jar", "../broker/target/switchboard.jar"));

    private final Process process;
    private final Path log;
    private final int ingressPort;
    private final int opsPort;

    private SwitchboardJar(Process process, Path log, int ingressPort, int opsPort) {
        this.process = process;
        this.log = log;
        this.ingressPort = ingressPort;
        this.opsPort = opsPort;
    }

    static SwitchboardJar start(Path workDir, Path resources) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the broker module first");
        }
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path log = workDir.resolve("switchboard.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "run",
                        "--data-dir",
                        dataDir.toString(),
                        "--resources",
                        resources.toString(),
                        "--ingress-port",
                        "0",
                        "--ops-port",
                        "0"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process process = builder.start();
        Path portsFile = dataDir.resolve("ports.json");
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "switchboard exited with " + process.exitValue() + ":\n" + Files.readString(log));
                        }
                        return Files.exists(portsFile) && ready(new ObjectMapper().readTree(portsFile.toFile()));
                    });
            JsonNode ports = new ObjectMapper().readTree(portsFile.toFile());
            return new SwitchboardJar(
                    process, log, ports.get("ingress").asInt(), ports.get("ops").asInt());
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static boolean ready(JsonNode ports) throws IOException, InterruptedException {
        if (ports.get("ops") == null) {
            return false;
        }
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + ports.get("ops").asInt() + "/readyz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    int ingressPort() {
        return ingressPort;
    }

    int opsPort() {
        return opsPort;
    }

    /** The ingress URL of a broker, e.g. {@code http://127.0.0.1:41234/default/default}. */
    URI broker(String namespace, String name) {
        return URI.create("http://127.0.0.1:" + ingressPort + "/" + namespace + "/" + name);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
