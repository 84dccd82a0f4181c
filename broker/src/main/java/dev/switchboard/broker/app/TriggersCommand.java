package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard triggers} (docs/cli.md): lists the triggers of a running server from
 * {@code GET /api/v1/triggers}, as a table with the columns of {@code kn trigger list} plus counters, or as the
 * API's JSON or YAML. Exits 0; 1 with a message naming the URL when the ops API does not answer 200.
 */
@Command(
        name = "triggers",
        mixinStandardHelpOptions = true,
        description = "List the triggers of a running Switchboard with readiness and counters.")
final class TriggersCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of(
            "NAMESPACE",
            "NAME",
            "BROKER",
            "SUBSCRIBER",
            "READY",
            "REASON",
            "DELIVERED",
            "FAILED",
            "DEAD-LETTERED",
            "LAG");

    /** {@code -o} formats. */
    enum Output {
        table,
        json,
        yaml
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--ops", paramLabel = "URL", description = "Ops base URL (default: ${DEFAULT-VALUE}).")
    String ops = "http://127.0.0.1:9090";

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    Output output = Output.table;

    @Option(names = "--timeout", description = "Request timeout (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(10);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI url = URI.create(ops.replaceAll("/+$", "") + "/api/v1/triggers");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .build()
                    .send(
                            HttpRequest.newBuilder(url)
                                    .timeout(timeout)
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("switchboard triggers: cannot reach the ops API at " + url + ": " + describe(e));
            err.println("is Switchboard running? pass its ops address with --ops URL");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (response.statusCode() != 200) {
            err.println("switchboard triggers: " + url + " answered " + response.statusCode() + " " + response.body());
            return 1;
        }
        try {
            JsonNode body = new ObjectMapper().readTree(response.body());
            out.print(render(body));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("switchboard triggers: " + url + " did not answer JSON: " + e.getMessage());
            return 1;
        }
    }

    private String render(JsonNode body) throws IOException {
        return switch (output) {
            case json -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n";
            case yaml ->
                new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                        .writeValueAsString(body);
            case table -> table(body);
        };
    }

    static String table(JsonNode body) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (JsonNode item : body.path("items")) {
            JsonNode status = item.path("status");
            JsonNode ready = readyCondition(status);
            JsonNode counters = status.path("counters");
            String readyStatus = ready.path("status").asText("Unknown");
            rows.add(List.of(
                    item.path("metadata").path("namespace").asText(),
                    item.path("metadata").path("name").asText(),
                    item.path("spec").path("broker").asText(),
                    status.path("subscriberUri").isTextual()
                            ? status.path("subscriberUri").asText()
                            : "",
                    readyStatus,
                    "True".equals(readyStatus) ? "" : ready.path("reason").asText(""),
                    counters.path("delivered").asText("0"),
                    counters.path("failed").asText("0"),
                    counters.path("deadLettered").asText("0"),
                    status.path("lag").asText("0")));
        }
        return align(rows);
    }

    private static JsonNode readyCondition(JsonNode status) {
        for (JsonNode condition : status.path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Left-aligned columns three spaces apart, as kubectl and kn print them. */
    private static String align(List<List<String>> rows) {
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
