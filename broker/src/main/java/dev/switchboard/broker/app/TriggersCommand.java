package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard triggers} (docs/cli.md): lists the triggers of a running server from {@code GET
 * /api/v1/triggers}, as a table with the columns of {@code kn trigger list} plus counters, or as the API's JSON or
 * YAML. Exits 0; 1 with a message naming the URL when the ops API does not answer 200.
 */
@Command(
        name = "triggers",
        mixinStandardHelpOptions = true,
        description = "List the triggers of a running Switchboard with readiness and counters.")
final class TriggersCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of(
            ListOptions.NAMESPACE_COLUMN,
            "NAME",
            "BROKER",
            "SUBSCRIBER",
            "AGE",
            "CONDITIONS",
            "READY",
            "REASON",
            "DELIVERED",
            "FAILED",
            "DEAD-LETTERED",
            "LAG");

    @Spec
    CommandSpec spec;

    @Mixin
    OpsOptions ops;

    @Mixin
    ListOptions list;

    private final Clock clock;

    TriggersCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        Instant now = clock.instant();
        return list.print(ops, "triggers", listed -> table(listed, now), spec);
    }

    /** The table of a {@code /api/v1/triggers} body, AGE counted up to {@code now}. */
    static TextTable table(JsonNode body, Instant now) {
        TextTable table = new TextTable(COLUMNS);
        for (JsonNode item : body.path("items")) {
            JsonNode status = item.path("status");
            JsonNode counters = status.path("counters");
            ConditionsView conditions = ConditionsView.of(item);
            table.add(List.of(
                    item.path("metadata").path("namespace").asText(),
                    item.path("metadata").path("name").asText(),
                    item.path("spec").path("broker").asText(),
                    status.path("subscriberUri").isTextual()
                            ? status.path("subscriberUri").asText()
                            : "",
                    Age.since(status.path("servedSince").asText(""), now),
                    conditions.summary(),
                    conditions.ready(),
                    conditions.reason(),
                    counters.path("delivered").asText("0"),
                    counters.path("failed").asText("0"),
                    counters.path("deadLettered").asText("0"),
                    status.path("lag").asText("0")));
        }
        return table;
    }
}
