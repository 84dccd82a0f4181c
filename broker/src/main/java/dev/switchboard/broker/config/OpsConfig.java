package dev.switchboard.broker.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The operations listener (docs/configuration.md, docs/operations.md); {@code port} 0 means a free port chosen at bind time. With {@code
 * tokensFile} (the format of {@code auth.tokensFile}) the API's POSTs need one of its bearer tokens.
 */
public record OpsConfig(String host, int port, Optional<Path> tokensFile) {
    public OpsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokensFile, "tokensFile");
    }

    public OpsConfig(String host, int port) {
        this(host, port, Optional.empty());
    }
}
