package dev.switchboard.loadtest.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The Switchboard JVM's own allocation and garbage-collection totals, read from its Prometheus endpoint
 * ({@code /metrics} on the ops port, Micrometer's {@code JvmGcMetrics} and {@code JvmMemoryMetrics}): bytes allocated
 * ({@code jvm_gc_memory_allocated_bytes_total}, which grows only at each collection by what eden held, plus what eden
 * holds now, {@code jvm_memory_used_bytes} of the pool named "... Eden Space": so a phase with no collection in it
 * still shows what it allocated), and GC pause time and count ({@code jvm_gc_pause_seconds_sum} / {@code _count}, summed
 * over collectors and causes). Two samples around a phase give allocation per event and GC cost.
 */
public record JvmSample(double allocatedBytes, double gcPauseSeconds, long gcPauses) {
    private static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";
    private static final String PAUSE_SUM = "jvm_gc_pause_seconds_sum";
    private static final String PAUSE_COUNT = "jvm_gc_pause_seconds_count";
    private static final String MEMORY_USED = "jvm_memory_used_bytes";
    private static final String EDEN = "Eden Space\"";

    /** Scrapes {@code metrics}; empty when it cannot be read (the phase then reports no JVM figures). */
    public static Optional<JvmSample> scrape(HttpClient http, URI metrics) {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(parse(answer.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The totals in a Prometheus text exposition. */
    static JvmSample parse(String exposition) {
        double allocated = 0;
        double pauseSeconds = 0;
        double pauses = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            allocated += valueOf(line, ALLOCATED);
            if (line.contains(EDEN)) {
                allocated += valueOf(line, MEMORY_USED);
            }
            pauseSeconds += valueOf(line, PAUSE_SUM);
            pauses += valueOf(line, PAUSE_COUNT);
        }
        return new JvmSample(allocated, pauseSeconds, (long) pauses);
    }

    /** The sample's value when {@code line} is a sample of {@code name} (with or without labels), else 0. */
    private static double valueOf(String line, String name) {
        if (!line.startsWith(name)
                || line.length() == name.length()
                || (line.charAt(name.length()) != '{' && line.charAt(name.length()) != ' ')) {
            return 0;
        }
        int space = line.lastIndexOf(' ');
        return Double.parseDouble(line.substring(space + 1).trim());
    }
}
