package dev.switchboard.broker.delivery;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.switchboard.broker.config.EgressAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth 2.0 client-credentials tokens for one {@code egressAuth} entry and audience (docs/security.md; RFC 6749 §4.4, with the
 * Nimbus OAuth 2.0 SDK), cached until shortly before they expire.
 *
 * <pre>
 *  header() ─ cached and now &lt; refreshAt ──────────────────────────────▶ Bearer cached
 *      └─ otherwise ─▶ one request in flight, shared by every caller ─ 2xx ─▶ cache, Bearer new
 *                                  (worker thread)                  └ error ─▶ fails: a retryable attempt failure
 *  401 from the destination with the cached token ─▶ forget it ─▶ the attempt is repeated once with a new one
 * </pre>
 *
 * <p>Expiry: {@code expires_in} of the answer, else the {@code exp} of the token when it is a JWT, else
 * {@link #UNKNOWN_LIFETIME}. A token is renewed {@code min(}{@link #MAX_EARLY}{@code , a fifth of its lifetime)}
 * before it expires. The token request goes to the endpoint with the client authenticated by HTTP Basic, {@code
 * scope} and {@code audience} as configured. Errors name the endpoint and the OAuth error code, never the secret or
 * a token.
 */
final class ClientCredentialsTokens implements AttemptAuthorization {
    static final Duration MAX_EARLY = Duration.ofSeconds(30);
    static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(1);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    private record Token(String header, Instant refreshAt) {}

    private final Vertx vertx;
    private final EgressAuth.OAuth2 entry;
    private final Optional<String> audience;
    private final SecretFile clientSecret;
    private final Clock clock;
    private volatile Token cached;
    private Future<Token> inFlight;

    /** @param audience the audience asked for: the destination's, else the entry's */
    ClientCredentialsTokens(
            Vertx vertx, EgressAuth.OAuth2 entry, Optional<String> audience, SecretFile clientSecret, Clock clock) {
        this.vertx = vertx;
        this.entry = entry;
        this.audience = audience;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public Future<Optional<String>> header() {
        Token token = cached;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return Future.succeededFuture(Optional.of(token.header()));
        }
        return fetch().map(fresh -> Optional.of(fresh.header()));
    }

    @Override
    public boolean renewAfterRejection(String rejected) {
        synchronized (this) {
            Token token = cached;
            if (token != null && token.header().equals(rejected)) {
                cached = null;
            }
        }
        return true;
    }

    private synchronized Future<Token> fetch() {
        if (inFlight == null) {
            Future<Token> request =
                    clientSecret.current().compose(secret -> vertx.executeBlocking(() -> request(secret), false));
            inFlight = request;
            request.onComplete(done -> {
                synchronized (this) {
                    inFlight = null;
                    if (done.succeeded()) {
                        cached = done.result();
                    }
                }
            });
        }
        return inFlight;
    }

    /** On a worker: one token request, blocking with bounded connect and read timeouts. */
    private Token request(String secret) throws Exception {
        Map<String, List<String>> parameters =
                audience.map(a -> Map.of("audience", List.of(a))).orElse(Map.of());
        TokenRequest request = new TokenRequest(
                entry.tokenUrl(),
                new ClientSecretBasic(new ClientID(entry.clientId()), new Secret(secret)),
                new ClientCredentialsGrant(),
                entry.scope().map(Scope::parse).orElse(null),
                null,
                parameters);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        HTTPResponse answer;
        try {
            answer = http.send();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("token endpoint " + entry.tokenUrl() + " not reachable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        TokenResponse response;
        try {
            response = TokenResponse.parse(answer);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalStateException("token endpoint " + entry.tokenUrl() + " answered HTTP "
                    + answer.getStatusCode() + " without a token response");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new IllegalStateException("token endpoint " + entry.tokenUrl() + " refused: HTTP "
                    + error.getHTTPStatusCode() + " " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime(token));
        Duration early = Duration.between(now, expires).dividedBy(5);
        if (early.compareTo(MAX_EARLY) > 0) {
            early = MAX_EARLY;
        }
        return new Token("Bearer " + token.getValue(), expires.minus(early));
    }

    private Duration lifetime(AccessToken token) {
        if (token.getLifetime() > 0) {
            return Duration.ofSeconds(token.getLifetime());
        }
        try {
            Date exp = JWTParser.parse(token.getValue()).getJWTClaimsSet().getExpirationTime();
            if (exp != null) {
                Duration left = Duration.between(clock.instant(), exp.toInstant());
                return left.isNegative() ? Duration.ZERO : left;
            }
        } catch (java.text.ParseException e) {
            // an opaque token: its lifetime is unknown
        }
        return UNKNOWN_LIFETIME;
    }
}
