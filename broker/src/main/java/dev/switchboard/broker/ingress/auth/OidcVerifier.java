package dev.switchboard.broker.ingress.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies OIDC JWTs (docs/security.md; RFC 7519 §7.2, RFC 8725 §3.1): a JWS signed with an asymmetric algorithm by a
 * key of the JWKS, {@code iss} equal to the configured issuer, {@code aud} containing the broker's ingress URL,
 * {@code exp} in the future and {@code nbf} in the past within {@code clockSkew}, and a {@code sub}. Unsigned
 * tokens ({@code alg: none}) and HMAC algorithms are refused: a public key must never serve as an HMAC secret.
 *
 * <p>{@link #verify} may block (a remote JWKS is fetched on first use and again when a token names an unknown
 * {@code kid}): call it from a worker, never from an event loop.
 */
public final class OidcVerifier {
    /** Every JWS algorithm with a public verification key; no {@code none}, no {@code HS*}. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.Ed25519,
            JWSAlgorithm.EdDSA);

    private final URI issuer;
    private final JWKSource<SecurityContext> keys;
    private final Duration clockSkew;
    private final Clock clock;
    private final Map<URI, DefaultJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

    public OidcVerifier(URI issuer, JWKSource<SecurityContext> keys, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** Checks {@code token} for a broker whose audience is {@code audience}. Blocking. */
    public TokenCheck verify(String token, URI audience) {
        try {
            JWTClaimsSet claims =
                    processors.computeIfAbsent(audience, this::processor).process(token, null);
            return new TokenCheck.Valid(new Principal(
                    Principal.SERVICE_ACCOUNT, Optional.of(claims.getSubject()), Optional.of(authClaims(claims))));
        } catch (ParseException e) {
            return new TokenCheck.Invalid("the token is not a JWT");
        } catch (BadJWTException e) {
            return new TokenCheck.Invalid(claimProblem(e));
        } catch (BadJOSEException e) {
            return new TokenCheck.Invalid("the token's signature or algorithm is not accepted");
        } catch (JOSEException e) {
            return new TokenCheck.Invalid("the token could not be verified");
        } catch (RuntimeException e) {
            // a remote JWKS that cannot be fetched, a JWK that cannot be used: the token is not proven
            return new TokenCheck.Invalid("the token could not be verified against the key set");
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(URI audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, keys));
        ClockedClaimsVerifier verifier = new ClockedClaimsVerifier(
                audience.toString(),
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(),
                Set.of("sub", "exp"),
                clock);
        verifier.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        processor.setJWTClaimsSetVerifier(verifier);
        return processor;
    }

    /** Nimbus's messages for claim failures name the claim, never the token's content beyond it. */
    private static String claimProblem(BadJWTException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Expired")) {
            return "the token has expired";
        }
        if (message.contains("before use time")) {
            return "the token is not valid yet";
        }
        if (message.startsWith("JWT missing required claims")) {
            return "the token lacks a required claim (sub, exp)";
        }
        if (message.contains("aud claim")) {
            return "the token's audience is not this broker";
        }
        if (message.contains("iss claim")) {
            return "the token's issuer is not accepted";
        }
        return "the token's claims are not accepted";
    }

    private static String authClaims(JWTClaimsSet claims) {
        JsonObject json = new JsonObject().put("iss", claims.getIssuer()).put("sub", claims.getSubject());
        Object azp = claims.getClaim("azp");
        if (azp instanceof String party) {
            json.put("azp", party);
        }
        return json.encode();
    }

    /** The claims check on an injected clock instead of the system's. */
    private static final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final Clock clock;

        ClockedClaimsVerifier(String audience, JWTClaimsSet exact, Set<String> required, Clock clock) {
            super(audience, exact, required);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
