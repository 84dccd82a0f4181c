package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard describe NS/TRIGGER} (docs/cli.md): one trigger of a running server, as {@code kn trigger
 * describe} shows one (see {@link TriggerDescription}), or its {@code /api/v1/triggers} item as JSON or YAML. Exits
 * 0; 1 when the server does not serve that trigger (naming the ones it serves in that namespace) or cannot be asked;
 * 2 when the argument is not {@code NS/NAME}.
 */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = "Show one trigger of a running Switchboard: spec, conditions, counters and last failure.")
final class DescribeCommand implements Callable<Integer> {
    static final int EXIT_UNKNOWN_TRIGGER = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/TRIGGER", description = "The trigger, as NAMESPACE/NAME.")
    String trigger;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
    Format output = Format.text;

    @Mixin
    OpsOptions ops;

    /** {@code -o} formats. */
    enum Format {
        text,
        json,
        yaml
    }

    private final Clock clock;

    DescribeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        ResourceId id = TriggerArgument.parse(spec, trigger);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode triggers = ops.client().get("/api/v1/triggers");
            Optional<JsonNode> item = find(triggers, id);
            if (item.isEmpty()) {
                err.println("switchboard describe: the server does not serve trigger " + id + "; "
                        + servedIn(triggers, id.namespace()));
                err.flush();
                return EXIT_UNKNOWN_TRIGGER;
            }
            out.print(render(item.get()));
            out.flush();
            return 0;
        } catch (OpsRequestException | IOException e) {
            err.println("switchboard describe: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private String render(JsonNode item) throws IOException {
        return switch (output) {
            case text -> TriggerDescription.of(item, clock.instant());
            case json -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(item) + "\n";
            case yaml ->
                new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                        .writeValueAsString(item);
        };
    }

    private static Optional<JsonNode> find(JsonNode triggers, ResourceId id) {
        for (JsonNode item : triggers.path("items")) {
            if (id.equals(idOf(item))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static String servedIn(JsonNode triggers, String namespace) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : triggers.path("items")) {
            if (namespace.equals(idOf(item).namespace())) {
                names.add(idOf(item).name());
            }
        }
        return names.isEmpty()
                ? "it serves no trigger in namespace " + namespace + " (see switchboard triggers)"
                : "its triggers in namespace " + namespace + ": " + String.join(", ", names);
    }

    private static ResourceId idOf(JsonNode item) {
        JsonNode metadata = item.path("metadata");
        return new ResourceId(
                metadata.path("namespace").asText(), metadata.path("name").asText());
    }
}
