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
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
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
    public static SwitchboardProcess start(Path jar, Path workDir, Path resources, SwitchboardLaunch launch)
            throws IOException, InterruptedException {
        return start(jar, workDir, resources, launch, List.of());
    }

    /**
     * Like {@link #start(Path, Path, Path, String)} with more {@code run} options (e.g. {@code --kafka}); a
     * {@code ports.json} left by an earlier run in the same {@code workDir} (killed, so it could not remove it) is
     * deleted first, so readiness waits for this run's ports.
     */
    public static SwitchboardProcess start(
            Path jar, Path workDir, Path resources, SwitchboardLaunch launch, List<String> runOptions)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package");
        }
        Path dataDir = workDir.resolve("data");
        Path log = workDir.resolve("switchboard.log");
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
        command.addAll(List.of("--ingress-port", "0", "--ops-port", "0"));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--resources", resources.toString()));
        command.addAll(runOptions);
        Files.deleteIfExists(new PortsFile(dataDir).path());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(launch.environment());
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

    /** The ops API base, e.g. {@code http://127.0.0.1:9090}. */
    public URI ops() {
        return URI.create("http://127.0.0.1:" + ports.ops());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no drain, no final commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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
