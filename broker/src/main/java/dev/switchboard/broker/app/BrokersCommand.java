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
 * {@code switchboard brokers} (docs/cli.md): lists the brokers of a running server from {@code GET /api/v1/brokers},
 * as a table with the columns of {@code kn broker list} (NAME, URL, AGE, CONDITIONS, READY, REASON, after the
 * NAMESPACE) plus the ingress counters, or as the API's JSON or YAML. Exits 0; 1 when the ops API does not answer.
 */
@Command(
        name = "brokers",
        mixinStandardHelpOptions = true,
        description = "List the brokers of a running Switchboard with their ingress URL and readiness.")
final class BrokersCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of(
            ListOptions.NAMESPACE_COLUMN,
            "NAME",
            "URL",
            "AGE",
            "CONDITIONS",
            "READY",
            "REASON",
            "ACCEPTED",
            "REJECTED");

    @Spec
    CommandSpec spec;

    @Mixin
    OpsOptions ops;

    @Mixin
    ListOptions list;

    private final Clock clock;

    BrokersCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        Instant now = clock.instant();
        return list.print(ops, "brokers", listed -> table(listed, now), spec);
    }

    /** The table of a {@code /api/v1/brokers} body, AGE counted up to {@code now}. */
    static TextTable table(JsonNode body, Instant now) {
        TextTable table = new TextTable(COLUMNS);
        for (JsonNode item : body.path("items")) {
            JsonNode status = item.path("status");
            ConditionsView conditions = ConditionsView.of(item);
            table.add(List.of(
                    item.path("metadata").path("namespace").asText(),
                    item.path("metadata").path("name").asText(),
                    status.path("address").path("url").asText(""),
                    Age.since(status.path("servedSince").asText(""), now),
                    conditions.summary(),
                    conditions.ready(),
                    conditions.reason(),
                    status.path("counters").path("accepted").asText("0"),
                    status.path("counters").path("rejected").asText("0")));
        }
        return table;
    }
}
