package dev.switchboard.broker.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** OIDC token checks (docs/security.md) as a table of tokens, and key rotation against a JWKS served over HTTP. */
class OidcVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final URI AUDIENCE = URI.create("http://127.0.0.1:8080/default/orders");
    private static final RSAKey KEY = Tokens.rsaKey("k1");
    private static final RSAKey OTHER = Tokens.rsaKey("k1");

    static Stream<Arguments> tokens() {
        String aud = AUDIENCE.toString();
        Function<java.util.function.UnaryOperator<JWTClaimsSet.Builder>, JWTClaimsSet> claims =
                edit -> Tokens.claims(NOW, aud, "billing", edit);
        return Stream.of(
                Arguments.of("valid", Tokens.signed(KEY, claims.apply(b -> b)), null),
                Arguments.of(
                        "expired within the clock skew",
                        Tokens.signed(KEY, claims.apply(b -> b.expirationTime(Date.from(NOW.minusSeconds(20))))),
                        null),
                Arguments.of(
                        "expired",
                        Tokens.signed(KEY, claims.apply(b -> b.expirationTime(Date.from(NOW.minusSeconds(31))))),
                        "the token has expired"),
                Arguments.of(
                        "not valid yet",
                        Tokens.signed(KEY, claims.apply(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(60))))),
                        "the token is not valid yet"),
                Arguments.of(
                        "wrong audience",
                        Tokens.signed(KEY, claims.apply(b -> b.audience("http://127.0.0.1:8080/default/other"))),
                        "the token's audience is not this broker"),
                Arguments.of(
                        "wrong issuer",
                        Tokens.signed(KEY, claims.apply(b -> b.issuer("https://evil.test/"))),
                        "the token's issuer is not accepted"),
                Arguments.of(
                        "no expiry",
                        Tokens.signed(KEY, claims.apply(b -> b.expirationTime(null))),
                        "the token lacks a required claim (sub, exp)"),
                Arguments.of(
                        "no subject",
                        Tokens.signed(KEY, claims.apply(b -> b.subject(null))),
                        "the token lacks a required claim (sub, exp)"),
                Arguments.of(
                        "unsigned (alg none)",
                        Tokens.unsigned(claims.apply(b -> b)),
                        "the token's signature or algorithm is not accepted"),
                Arguments.of(
                        "HMAC with the public key",
                        Tokens.hmacWithPublicKey(KEY, claims.apply(b -> b)),
                        "the token's signature or algorithm is not accepted"),
                Arguments.of(
                        "signed by another key with the same kid",
                        Tokens.signed(OTHER, claims.apply(b -> b)),
                        "the token's signature or algorithm is not accepted"),
                Arguments.of(
                        "unknown kid",
                        Tokens.signed(Tokens.rsaKey("k9"), claims.apply(b -> b)),
                        "the token's signature or algorithm is not accepted"),
                Arguments.of("not a JWT", "not-a-jwt", "the token is not a JWT"),
                Arguments.of("three garbage parts", "a.b.c", "the token is not a JWT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void checksSignatureIssuerAudienceAndTimes(String name, String token, String expectedProblem)
            throws ParseException {
        OidcVerifier verifier = new OidcVerifier(
                URI.create(Tokens.ISSUER),
                new ImmutableJWKSet<SecurityContext>(JWKSet.parse(Tokens.jwks(KEY))),
                Duration.ofSeconds(30),
                CLOCK);

        TokenCheck check = verifier.verify(token, AUDIENCE);

        if (expectedProblem == null) {
            assertThat(check).isInstanceOf(TokenCheck.Valid.class);
            Principal principal = ((TokenCheck.Valid) check).principal();
            assertThat(principal.type()).isEqualTo(Principal.SERVICE_ACCOUNT);
            assertThat(principal.id()).contains("billing");
            assertThat(principal.claims().orElseThrow())
                    .contains("\"sub\":\"billing\"")
                    .doesNotContain(token);
        } else {
            assertThat(check).isEqualTo(new TokenCheck.Invalid(expectedProblem));
        }
    }

    @Test
    void acceptsARotatedKeyByFetchingTheKeySetAgainForAnUnknownKid() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RSAKey first = Tokens.rsaKey("first");
            RSAKey second = Tokens.rsaKey("second");
            AtomicReference<String> served = new AtomicReference<>(Tokens.jwks(first));
            AtomicInteger fetches = new AtomicInteger();
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        fetches.incrementAndGet();
                        request.response()
                                .putHeader("content-type", "application/json")
                                .end(served.get());
                    })
                    .listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);
            URI jwksUri = URI.create("http://127.0.0.1:" + server.actualPort() + "/jwks");
            OidcVerifier verifier = new OidcVerifier(
                    URI.create(Tokens.ISSUER),
                    JwksSources.remote(jwksUri, Duration.ofMinutes(5), Duration.ofMillis(1)),
                    Duration.ofSeconds(30),
                    Clock.systemUTC());
            Instant now = Instant.now();

            assertThat(verifier.verify(
                            Tokens.signed(first, Tokens.claims(now, AUDIENCE.toString(), "a", b -> b)), AUDIENCE))
                    .isInstanceOf(TokenCheck.Valid.class);
            assertThat(verifier.verify(
                            Tokens.signed(first, Tokens.claims(now, AUDIENCE.toString(), "a", b -> b)), AUDIENCE))
                    .isInstanceOf(TokenCheck.Valid.class);
            assertThat(fetches).hasValue(1);

            served.set(Tokens.jwks(second));
            assertThat(verifier.verify(
                            Tokens.signed(second, Tokens.claims(now, AUDIENCE.toString(), "b", b -> b)), AUDIENCE))
                    .isInstanceOf(TokenCheck.Valid.class);
            assertThat(fetches).hasValue(2);
            assertThat(verifier.verify(
                            Tokens.signed(first, Tokens.claims(now, AUDIENCE.toString(), "a", b -> b)), AUDIENCE))
                    .isInstanceOf(TokenCheck.Invalid.class);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refetchesAnUnknownKidAtMostAsOftenAsTheRateLimitAllows() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RSAKey known = Tokens.rsaKey("known");
            AtomicInteger fetches = new AtomicInteger();
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        fetches.incrementAndGet();
                        request.response()
                                .putHeader("content-type", "application/json")
                                .end(Tokens.jwks(known));
                    })
                    .listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);
            OidcVerifier verifier = new OidcVerifier(
                    URI.create(Tokens.ISSUER),
                    JwksSources.remote(
                            URI.create("http://127.0.0.1:" + server.actualPort() + "/jwks"),
                            Duration.ofHours(2),
                            Duration.ofHours(1)),
                    Duration.ofSeconds(30),
                    Clock.systemUTC());
            Instant now = Instant.now();
            for (int i = 0; i < 20; i++) {
                String forged = Tokens.signed(
                        Tokens.rsaKey("unknown-" + i), Tokens.claims(now, AUDIENCE.toString(), "x", b -> b));
                assertThat(verifier.verify(forged, AUDIENCE)).isInstanceOf(TokenCheck.Invalid.class);
            }
            assertThat(fetches.get()).isBetween(1, 2);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
