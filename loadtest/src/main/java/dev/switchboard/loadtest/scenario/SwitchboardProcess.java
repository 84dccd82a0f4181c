package dev.switchboard.loadtest.scenario;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.PortsFile;
import dev.switchboard.loadtest.measure.ProcessSample;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar switchboard.jar run --ingress-port 0 --ops-port 0 --data-dir DIR --resources DIR}, the
 * way a user runs it, in its own process with its output in {@code switchboard.log}; ready once
 * {@code ports.json} is written and {@code /readyz} answers 200 (docs/configuration.md, docs/operations.md: every trigger loaded at
 * startup is then positioned). Stopped with SIGTERM, then killed if it does not exit.
 */
public final class SwitchboardProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Ports ports;
    private final Path log;

    private SwitchboardProcess(Process process, Ports ports, Path log) {
        this.process = process;
        this.ports = ports;
        this.log = log;
    }

    /** Starts the jar with its data under {@code workDir/data} and trigger files from {@code resources}. */
    public static SwitchboardProcess start(Path jar, Path workDir, Path resources, String maxHeap)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package");
        }
        Path dataDir = workDir.resolve("data");
        Path log = workDir.resolve("switchboard.log");
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + maxHeap);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
        command.addAll(List.of("--ingress-port", "0", "--ops-port", "0"));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--resources", resources.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process process = builder.start();
        try {
            Ports ports = awaitReady(process, new PortsFile(dataDir), log);
            return new SwitchboardProcess(process, ports, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static Ports awaitReady(Process process, PortsFile portsFile, Path log)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Switchboard exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (Files.isRegularFile(portsFile.path())) {
                Ports ports = portsFile.read();
                try {
                    HttpResponse<Void> ready = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.ingress() + "/readyz"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return ports;
                    }
                } catch (IOException notYet) {
                    // listening soon
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Switchboard not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    public Ports ports() {
        return ports;
    }

    /** The ingress URL of broker {@code default/default}. */
    public URI ingress() {
        return URI.create("http://127.0.0.1:" + ports.ingress() + "/default/default");
    }

    public String kafkaBootstrap() {
        return ports.kafka();
    }

    public Path log() {
        return log;
    }

    /** CPU, threads and memory of the Switchboard JVM now (with its embedded Kafka); empty off Linux. */
    public Optional<ProcessSample> sample(long nanos) {
        return ProcessSample.read(process.pid(), nanos);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
