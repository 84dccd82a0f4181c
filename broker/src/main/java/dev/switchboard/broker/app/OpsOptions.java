package dev.switchboard.broker.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --ops URL}, {@code --timeout} and {@code --token-file FILE} options of the commands that call a running
 * server's operations API ({@code replay}, {@code redrive}; docs/cli.md, docs/operations.md), mixed into each with
 * picocli's {@code @Mixin}.
 */
final class OpsOptions {

    @Option(names = "--ops", paramLabel = "URL", description = "Operations URL (default: ${DEFAULT-VALUE}).")
    String ops = "http://127.0.0.1:9090";

    @Option(names = "--timeout", description = "Request timeout (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(30);

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding a bearer token of the server's ops.tokensFile (trailing newline ignored).")
    Path tokenFile;

    /** A client for the URL, timeout and token file given. */
    OpsClient client() {
        return new OpsClient(ops, timeout, Optional.ofNullable(tokenFile));
    }
}
