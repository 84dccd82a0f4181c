package dev.switchboard.broker.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Ingress credentials (docs/security.md): the static bearer tokens file and/or OIDC. Brokers opt in with the
 * {@code switchboard.dev/auth} annotation; absent parts mean that method is not available.
 */
public record AuthConfig(Optional<Path> tokensFile, Optional<OidcConfig> oidc) {

    public static AuthConfig none() {
        return new AuthConfig(Optional.empty(), Optional.empty());
    }
}
