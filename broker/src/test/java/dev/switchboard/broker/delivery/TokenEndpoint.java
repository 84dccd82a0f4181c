package dev.switchboard.broker.delivery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real OAuth 2.0 token endpoint for tests (RFC 6749 §4.4, client credentials): checks the client's HTTP Basic
 * credentials, issues ES256-signed JWT access tokens with {@code exp} and {@code expires_in}, and records every
 * grant's form parameters. Subscribers built with {@link #accepts} take a token it issued and has not revoked.
 */
final class TokenEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ECKey key;
    private final String clientId;
    private final String clientSecret;
    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile long expiresInSeconds = 60;
    private volatile int failWith;

    private TokenEndpoint(Vertx vertx, String clientId, String clientSecret) throws Exception {
        this.key = new ECKeyGenerator(Curve.P_256).keyID("test").generate();
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    static TokenEndpoint start(Vertx vertx, String clientId, String clientSecret) throws Exception {
        TokenEndpoint endpoint = new TokenEndpoint(vertx, clientId, clientSecret);
        endpoint.server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return endpoint;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/oauth/token");
    }

    /** From now on, answer every request with {@code status} (0: issue tokens again). */
    TokenEndpoint failingWith(int status) {
        this.failWith = status;
        return this;
    }

    TokenEndpoint expiringIn(long seconds) {
        this.expiresInSeconds = seconds;
        return this;
    }

    /** The form parameters of every grant request that got a token, in order. */
    List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    List<String> issued() {
        return List.copyOf(issued);
    }

    /** Makes every token issued so far unacceptable to subscribers (as after a key rotation). */
    void revokeAll() {
        revoked.addAll(issued);
    }

    /**
     * Whether {@code authorization} is {@code Bearer <a token of this endpoint>}, correctly signed, unexpired, not
     * revoked, and for {@code audience} when one is given.
     */
    boolean accepts(String authorization, Optional<String> audience) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String token = authorization.substring("Bearer ".length());
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return jwt.verify(new ECDSAVerifier(key.toECPublicKey()))
                    && !revoked.contains(token)
                    && claims.getExpirationTime().after(new Date())
                    && audience.map(a -> claims.getAudience().contains(a)).orElse(true);
        } catch (Exception e) {
            return false;
        }
    }

    private void handle(HttpServerRequest request) {
        request.setExpectMultipart(true);
        request.end().onComplete(ended -> {
            if (failWith != 0) {
                request.response().setStatusCode(failWith).end("{\"error\":\"temporarily_unavailable\"}");
                return;
            }
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.getHeader("Authorization"))) {
                request.response()
                        .setStatusCode(401)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"invalid_client\"}");
                return;
            }
            Map<String, String> form = new java.util.HashMap<>();
            request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            if (!"client_credentials".equals(form.get("grant_type"))) {
                request.response()
                        .setStatusCode(400)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            grants.add(Map.copyOf(form));
            String token = sign(form.get("audience"));
            issued.add(token);
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject()
                            .put("access_token", token)
                            .put("token_type", "Bearer")
                            .put("expires_in", expiresInSeconds)
                            .encode());
        });
    }

    private String sign(String audience) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(uri().toString())
                    .subject(clientId)
                    .jwtID(Integer.toString(issued.size() + 1))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)));
            if (audience != null) {
                claims.audience(audience);
            }
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}
