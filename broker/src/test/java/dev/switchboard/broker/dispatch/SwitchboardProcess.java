package dev.switchboard.broker.dispatch;

import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.PortsFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar target/switchboard.jar run} as a separate process on a data directory, with its output in a
 * log file; started, awaited until {@code /readyz} answers 200, and killed with SIGKILL.
 */
final class SwitchboardProcess {
    private static final Path JAR = Path.of(System.getProperty("basedir", "."), "target", "switchboard.jar");

    private final Process process;
    private final Ports ports;

    private SwitchboardProcess(Process process, Ports ports) {
        this.process = process;
        this.ports = ports;
    }

    /**
     * Writes {@code dir/switchboard.d/trigger.yaml}: one Trigger {@code name} on broker {@code default}, no
     * filter, delivering to {@code subscriber}; returns the folder to pass as {@code resources}.
     */
    static Path oneTrigger(Path dir, String name, URI subscriber) throws IOException {
        return triggers(dir, name, subscriber, 0);
    }

    /**
     * The resources folder with trigger {@code name} for every event, plus {@code extra} triggers {@code x1..xN}
     * on the same subscriber at path {@code /xI}, each matching only the event with id {@code e-(10·I)}.
     */
    static Path triggers(Path dir, String name, URI subscriber, int extra) throws IOException {
        Path resources = dir.resolve("switchboard.d");
        Files.createDirectories(resources);
        List<String> lines = new ArrayList<>(List.of(
                "apiVersion: eventing.knative.dev/v1",
                "kind: Trigger",
                "metadata:",
                "  name: " + name,
                "spec:",
                "  broker: default",
                "  subscriber:",
                "    uri: " + subscriber));
        for (int i = 1; i <= extra; i++) {
            lines.addAll(List.of(
                    "---",
                    "apiVersion: eventing.knative.dev/v1",
                    "kind: Trigger",
                    "metadata:",
                    "  name: x" + i,
                    "spec:",
                    "  broker: default",
                    "  filter:",
                    "    attributes:",
                    "      id: e-" + (10 * i),
                    "  subscriber:",
                    "    uri: " + subscriber.resolve("/x" + i)));
        }
        lines.add("");
        Files.writeString(resources.resolve("trigger.yaml"), String.join("\n", lines));
        return resources;
    }

    /** Starts the server and waits until it is ready (embedded Kafka, triggers positioned, ingress up). */
    static SwitchboardProcess start(Path dataDir, Path resources, Path log, String... extraArgs) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        }
        Files.deleteIfExists(dataDir.resolve(PortsFile.FILE_NAME));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                "run",
                "--data-dir",
                dataDir.toString(),
                "--resources",
                resources.toString(),
                "--ingress-port",
                "0",
                "--ops-port",
                "0"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PortsFile portsFile = new PortsFile(dataDir);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "switchboard exited with " + process.exitValue() + "; see " + log);
                        }
                        return Files.exists(portsFile.path()) && ready(portsFile.read());
                    });
            return new SwitchboardProcess(process, portsFile.read());
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI ingress(String path) {
        return URI.create("http://127.0.0.1:" + ports.ingress() + path);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no drain, no final commit, no leaving the group. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    private static boolean ready(Ports ports) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.ops() + "/readyz"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
