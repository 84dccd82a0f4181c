package dev.switchboard.broker.config;

import java.util.Optional;

/** TLS of the ingress and ops listeners (docs/security.md); absent means plain HTTP. */
public record TlsConfig(Optional<TlsFiles> ingress, Optional<TlsFiles> ops) {

    public static TlsConfig none() {
        return new TlsConfig(Optional.empty(), Optional.empty());
    }
}
