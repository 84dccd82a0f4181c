package dev.switchboard.triggers.model;

/** How a broker's ingress authenticates producers ({@code switchboard.dev/auth}, docs/security.md). */
public enum AuthMode {
    /** anyone may post (the default). */
    NONE,
    /** static bearer tokens from the server's {@code auth.tokensFile}. */
    TOKEN,
    /** OIDC JWTs verified against the configured JWKS. */
    OIDC
}
