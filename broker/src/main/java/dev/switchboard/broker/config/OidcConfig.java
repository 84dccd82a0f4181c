package dev.switchboard.broker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * OIDC JWT verification for ingress auth (docs/security.md): the expected issuer, and the keys from exactly one
 * of a JWKS URL or a JWKS file; {@code clockSkew} (default PT30S) is tolerated on {@code exp}/{@code nbf}.
 */
public record OidcConfig(URI issuer, Optional<URI> jwksUri, Optional<Path> jwksFile, Duration clockSkew) {}
