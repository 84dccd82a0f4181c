package dev.switchboard.loadtest.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks the Switchboard processes' ops APIs (docs/operations.md) what the faults need to know: whether a trigger
 * is Ready ({@code GET /api/v1/triggers}) and how the last reload ended ({@code GET /api/v1/status}). Blocking;
 * the fault schedule runs on its own thread.
 */
final class OpsProbe {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** Whether trigger {@code name} is in the process's list with {@code Ready=True}. */
    boolean triggerReady(URI ops, String name) {
        return get(ops, "/api/v1/triggers")
                .map(body -> {
                    for (JsonNode item : body.path("items")) {
                        if (name.equals(item.path("metadata").path("name").asText())) {
                            for (JsonNode condition : item.path("status").path("conditions")) {
                                if ("Ready".equals(condition.path("type").asText())) {
                                    return "True"
                                            .equals(condition.path("status").asText());
                                }
                            }
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    /** {@code applied} or {@code rejected}; empty when the process does not answer. */
    Optional<String> lastReload(URI ops) {
        return get(ops, "/api/v1/status")
                .map(body -> body.path("lastReload").path("result").asText());
    }

    /** Waits (bounded) until {@code condition} holds for every process {@code opsApis} lists at that moment. */
    static boolean awaitAll(Supplier<List<URI>> opsApis, Predicate<URI> condition, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            List<URI> apis = opsApis.get();
            if (!apis.isEmpty() && apis.stream().allMatch(condition)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private Optional<JsonNode> get(URI ops, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(ops.resolve(path))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(json.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
