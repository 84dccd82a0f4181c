package dev.switchboard.broker.app;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --ops URL} and {@code --timeout} options of the commands that call a running server's operations
 * API ({@code replay}, {@code redrive}; docs/cli.md, docs/operations.md), mixed into each with picocli's {@code @Mixin}.
 */
final class OpsOptions {

    @Option(names = "--ops", paramLabel = "URL", description = "Operations URL (default: ${DEFAULT-VALUE}).")
    String ops = "http://127.0.0.1:9090";

    @Option(names = "--timeout", description = "Request timeout (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(30);

    /** A client for the URL and timeout given. */
    OpsClient client() {
        return new OpsClient(ops, timeout);
    }
}
