package dev.switchboard.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A command the tests run the way a user would type it ({@code npm ci}, {@code node subscriber.js}, a README curl
 * line), with stdout and stderr merged and captured line by line. Killed when closed.
 */
final class ChildProcess implements AutoCloseable {
    /** How a finished command ended. */
    record Finished(int exitCode, String output) {}

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildProcess(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + e + ">");
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    static ChildProcess start(Path directory, Map<String, String> environment, List<String> command)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildProcess(builder.start());
    }

    /** Runs a command to its end (killed after {@code timeout}) and answers its exit code and output. */
    static Finished run(Path directory, Map<String, String> environment, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        try (ChildProcess child = start(directory, environment, command)) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " still running after " + timeout + ":\n" + child.output());
            }
            child.pump.join(Duration.ofSeconds(10).toMillis()); // the last lines after the exit
            return new Finished(child.process.exitValue(), child.output());
        }
    }

    /** Whether {@code command} is found on the PATH. */
    static boolean onPath(String command) {
        try {
            return run(Path.of("."), Map.of(), Duration.ofSeconds(30), List.of(command, "--version"))
                            .exitCode()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String output() {
        return String.join("\n", lines);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
