package dev.switchboard.broker.ingress.auth;

import dev.switchboard.broker.codec.Rejection;
import dev.switchboard.broker.config.AuthConfig;
import dev.switchboard.broker.config.OidcConfig;
import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.BrokerOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a request may post to a broker (docs/security.md), from its {@code Authorization} header and the
 * broker's {@code switchboard.dev/auth} and {@code switchboard.dev/allowed-subjects}:
 *
 * <pre>
 *   auth none ───────────────────────────────────────────────▶ Admitted(unauthenticated)
 *   auth token|oidc ─ no / malformed bearer token ───────────▶ 401 WWW-Authenticate: Bearer [error=invalid_token]
 *         │ token
 *         ▼ static digest match | JWT (worker) ── invalid ──▶ 401 error="invalid_token"
 *         │ valid
 *         ▼ allowed-subjects empty or contains sub ── no ───▶ 403
 *         └────────────────────────────────────────────────▶ Admitted(principal)
 * </pre>
 *
 * Static tokens are checked on the calling event loop (a few digests); JWTs on a worker, because a remote JWKS
 * may have to be fetched. The token never appears in an answer, a log line or a metric.
 */
public final class IngressAuthenticator implements AutoCloseable {
    /** How long a fetched remote JWKS is trusted before it is fetched again. */
    public static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
    /** The fastest a remote JWKS is fetched again when tokens name unknown keys. */
    public static final Duration JWKS_MIN_REFRESH = Duration.ofSeconds(10);

    static final String REALM = "Bearer realm=\"switchboard\"";

    /** How often {@code auth.tokensFile} is checked for changes. */
    public static final Duration TOKENS_POLL_INTERVAL = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Optional<Supplier<StaticTokens>> tokens;
    private final Optional<TokensFile> watched;
    private final Optional<OidcVerifier> oidc;

    public IngressAuthenticator(Vertx vertx, Optional<StaticTokens> tokens, Optional<OidcVerifier> oidc) {
        this(vertx, tokens.map(fixed -> () -> fixed), Optional.empty(), oidc);
    }

    /** With the tokens of a {@link TokensFile}, which follows changes to the file until {@link #close()}. */
    public IngressAuthenticator(Vertx vertx, TokensFile tokens, Optional<OidcVerifier> oidc) {
        this(vertx, Optional.of(tokens), Optional.of(tokens), oidc);
    }

    private IngressAuthenticator(
            Vertx vertx,
            Optional<Supplier<StaticTokens>> tokens,
            Optional<TokensFile> watched,
            Optional<OidcVerifier> oidc) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.watched = watched;
        this.oidc = oidc;
    }

    /** Brokers with {@code auth: none} only; a broker asking for token or oidc auth refuses everyone. */
    public static IngressAuthenticator none(Vertx vertx) {
        return new IngressAuthenticator(vertx, Optional.empty(), Optional.empty());
    }

    /**
     * From the server config: reads the tokens file and the JWKS file now (a remote JWKS on first use); the
     * tokens file is then polled every {@link #TOKENS_POLL_INTERVAL} until {@link #close()}.
     *
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when a file is unreadable or
     *     malformed
     */
    public static IngressAuthenticator fromConfig(Vertx vertx, AuthConfig config, Clock clock) {
        Optional<OidcVerifier> oidc = config.oidc().map(o -> verifier(o, clock));
        return config.tokensFile()
                .map(file -> new IngressAuthenticator(vertx, TokensFile.watch(vertx, file, TOKENS_POLL_INTERVAL), oidc))
                .orElseGet(() -> new IngressAuthenticator(vertx, Optional.empty(), oidc));
    }

    /** Stops following the tokens file. */
    @Override
    public void close() {
        watched.ifPresent(TokensFile::close);
    }

    private static OidcVerifier verifier(OidcConfig config, Clock clock) {
        var keys = config.jwksFile().isPresent()
                ? JwksSources.file(config.jwksFile().get())
                : JwksSources.remote(config.jwksUri().orElseThrow(), JWKS_CACHE_TTL, JWKS_MIN_REFRESH);
        return new OidcVerifier(config.issuer(), keys, config.clockSkew(), clock);
    }

    /**
     * The decision for a request to the broker with {@code options} and ingress URL {@code audience}; the future
     * always succeeds.
     */
    public Future<AuthDecision> authenticate(BrokerOptions options, URI audience, MultiMap headers) {
        if (options.auth() == AuthMode.NONE) {
            return Future.succeededFuture(new AuthDecision.Admitted(Principal.anonymous()));
        }
        BearerToken bearer = BearerToken.of(headers.getAll("authorization"));
        if (bearer instanceof BearerToken.Absent) {
            return Future.succeededFuture(refused("this broker requires a bearer token", Optional.empty()));
        }
        if (bearer instanceof BearerToken.Malformed malformed) {
            return Future.succeededFuture(refused(malformed.reason(), Optional.of(malformed.reason())));
        }
        String token = ((BearerToken.Presented) bearer).token();
        Future<TokenCheck> check = options.auth() == AuthMode.TOKEN ? checkStatic(token) : checkJwt(token, audience);
        return check.map(result -> decide(result, options));
    }

    private Future<TokenCheck> checkStatic(String token) {
        return Future.succeededFuture(tokens.map(source -> source.get().check(token))
                .orElseGet(() -> new TokenCheck.Invalid("token auth is not configured on this server")));
    }

    private Future<TokenCheck> checkJwt(String token, URI audience) {
        if (oidc.isEmpty()) {
            return Future.succeededFuture(new TokenCheck.Invalid("oidc auth is not configured on this server"));
        }
        OidcVerifier verifier = oidc.get();
        return vertx.<TokenCheck>executeBlocking(() -> verifier.verify(token, audience), false)
                .otherwise(error -> new TokenCheck.Invalid("the token could not be verified"));
    }

    private static AuthDecision decide(TokenCheck check, BrokerOptions options) {
        if (check instanceof TokenCheck.Invalid invalid) {
            return refused("the bearer token is not valid: " + invalid.reason(), Optional.of(invalid.reason()));
        }
        Principal principal = ((TokenCheck.Valid) check).principal();
        if (!options.allowedSubjects().isEmpty() && !options.allowedSubjects().contains(principal.subject())) {
            return new AuthDecision.Refused(
                    Rejection.of(
                            Rejection.Kind.FORBIDDEN,
                            "subject '" + principal.subject() + "' may not post to this broker"),
                    Optional.empty());
        }
        return new AuthDecision.Admitted(principal);
    }

    /** 401: with {@code error="invalid_token"} when a credential was presented (RFC 6750 §3.1). */
    private static AuthDecision refused(String message, Optional<String> invalidReason) {
        String challenge = invalidReason
                .map(reason -> REALM + ", error=\"invalid_token\", error_description=\"" + quotable(reason) + "\"")
                .orElse(REALM);
        return new AuthDecision.Refused(Rejection.of(Rejection.Kind.UNAUTHORIZED, message), Optional.of(challenge));
    }

    /** RFC 6750 §3: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? (char) c : '_'));
        return out.toString();
    }
}
