package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code -n/--namespace}, {@code -A/--all-namespaces} and {@code -o/--output} options of the list commands
 * ({@code triggers}, {@code brokers}; docs/cli.md), as {@code kn} has them. With no {@code -n} every namespace is
 * listed ({@code -A} says so explicitly: a Switchboard has no current namespace); with {@code -n} the other
 * namespaces' items are left out of every format, and the table drops its NAMESPACE column.
 */
final class ListOptions {
    static final String NAMESPACE_COLUMN = "NAMESPACE";

    /** {@code -o} formats. */
    enum Output {
        table,
        json,
        yaml
    }

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "List this namespace only (the NAMESPACE column is left out).")
    String namespace;

    @Option(
            names = {"-A", "--all-namespaces"},
            description = "List every namespace (the default without -n).")
    boolean allNamespaces;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    Output output = Output.table;

    /**
     * The whole of a list command: GETs {@code /api/v1/{kind}} from the ops server, prints it rendered (see
     * {@link #render}) and answers 0, or prints why it could not and answers 1.
     */
    int print(OpsOptions ops, String kind, Function<JsonNode, TextTable> table, CommandSpec spec)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode body = ops.client().get("/api/v1/" + kind);
            out.print(render(body, kind, table, spec));
            out.flush();
            return 0;
        } catch (OpsRequestException | IOException e) {
            err.println("switchboard " + kind + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /**
     * Renders the API's list body in the chosen format, with the items of the chosen namespace.
     *
     * @param kind the resources listed, for the empty table: {@code triggers}, {@code brokers}
     * @param table the table of a list body
     * @throws ParameterException when both {@code -n} and {@code -A} are given
     */
    String render(JsonNode body, String kind, Function<JsonNode, TextTable> table, CommandSpec spec)
            throws IOException {
        if (namespace != null && allNamespaces) {
            throw new ParameterException(
                    spec.commandLine(), "-n/--namespace and -A/--all-namespaces exclude each other");
        }
        JsonNode listed = namespace == null ? body : inNamespace(body, namespace);
        return switch (output) {
            case json -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(listed) + "\n";
            case yaml ->
                new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                        .writeValueAsString(listed);
            case table -> table(listed, kind, table);
        };
    }

    private String table(JsonNode listed, String kind, Function<JsonNode, TextTable> table) {
        if (listed.path("items").isEmpty()) {
            return "No " + kind + " found" + (namespace == null ? "" : " in namespace " + namespace) + ".\n";
        }
        TextTable rendered = table.apply(listed);
        return (namespace == null ? rendered : rendered.without(NAMESPACE_COLUMN)).render();
    }

    private static JsonNode inNamespace(JsonNode body, String namespace) {
        ObjectNode filtered = body.deepCopy();
        filtered.putArray("items")
                .addAll(StreamSupport.stream(body.path("items").spliterator(), false)
                        .filter(item -> namespace.equals(
                                item.path("metadata").path("namespace").asText()))
                        .toList());
        return filtered;
    }
}
