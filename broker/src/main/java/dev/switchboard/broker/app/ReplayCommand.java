package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.ResourceId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard replay NS/TRIGGER --from RFC3339 [--ops URL]} (docs/cli.md): asks a running server to deliver
 * a trigger's stored events again from a point in time (compared with the time each event was accepted),
 * through {@code POST /api/v1/namespaces/{ns}/triggers/{name}/replay} (docs/operations.md). Exit 0 when accepted.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Re-deliver a trigger's stored events accepted at or after a time, to that trigger only.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/TRIGGER", description = "The trigger, as NAMESPACE/NAME.")
    String trigger;

    @Option(names = "--from", required = true, paramLabel = "RFC3339", description = "e.g. 2025-01-31T12:00:00Z")
    String from;

    @Mixin
    OpsOptions ops;

    @Mixin
    TokenFileOption token;

    @Override
    public Integer call() throws Exception {
        ResourceId id = TriggerArgument.parse(spec, trigger);
        String instant;
        try {
            instant = OffsetDateTime.parse(from).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--from must be an RFC 3339 timestamp: " + from);
        }
        return ops.post(token, id, "replay", "{\"from\": \"" + instant + "\"}", spec);
    }
}
