package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --ops URL}, {@code --data-dir DIR} and {@code --timeout} options of the commands that call a running
 * server's operations API (docs/cli.md, docs/operations.md), mixed into each with picocli's {@code @Mixin}. Without
 * {@code --ops} the URL comes from {@code {dataDir}/ports.json} ({@link OpsAddress}); the data folder defaults as
 * {@code run} resolves it: {@code --data-dir}, else {@code SWITCHBOARD_DATADIR}, else {@code ./data}.
 */
final class OpsOptions {
    static final String DATA_DIR_VARIABLE = "SWITCHBOARD_DATADIR";
    static final Path DEFAULT_DATA_DIR = Path.of("./data");

    @Option(
            names = "--ops",
            paramLabel = "URL",
            description =
                    "Operations URL (default: the ops port in {data-dir}/ports.json, else " + OpsAddress.DEFAULT + ").")
    String ops;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The data folder of the server, holding ports.json (default: $" + DATA_DIR_VARIABLE
                    + ", else ./data).")
    Path dataDir;

    @Option(names = "--timeout", description = "Request timeout (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(30);

    private final Map<String, String> environment;

    OpsOptions(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The data folder: {@code --data-dir}, else {@code SWITCHBOARD_DATADIR}, else {@code ./data}. */
    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String fromEnvironment = environment.get(DATA_DIR_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_DATA_DIR : Path.of(fromEnvironment);
    }

    /** A client for the resolved URL and the timeout, sending the token of {@code tokenFile} when there is one. */
    OpsClient client(Optional<Path> tokenFile) throws OpsRequestException {
        try {
            return new OpsClient(OpsAddress.resolve(Optional.ofNullable(ops), dataDir()), timeout, tokenFile);
        } catch (IOException e) {
            throw new OpsRequestException(
                    "cannot find the ops API: " + e.getMessage() + "; pass its address with --ops URL");
        }
    }

    OpsClient client() throws OpsRequestException {
        return client(Optional.empty());
    }

    /** {@link OpsClient#post}, or exit code 1 with the reason when the ops API cannot even be located. */
    int post(TokenFileOption token, ResourceId trigger, String action, String body, CommandSpec spec)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return client(token.file())
                    .post(trigger, action, body, spec.commandLine().getOut(), err);
        } catch (OpsRequestException e) {
            err.println(action + " failed: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
