package dev.switchboard.broker.app;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --token-file FILE} option of the commands that POST to the ops API ({@code replay}, {@code redrive}). */
final class TokenFileOption {

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding a bearer token of the server's ops.tokensFile (trailing newline ignored).")
    Path tokenFile;

    Optional<Path> file() {
        return Optional.ofNullable(tokenFile);
    }
}
