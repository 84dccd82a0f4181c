package dev.switchboard.broker.ingress.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A verified producer, in the terms of the CloudEvents authcontext extension
 * (https://github.com/cloudevents/spec/blob/main/cloudevents/extensions/authcontext.md).
 *
 * @param type the {@code authtype} value: {@code api_key} for a static token, {@code service_account} for an
 *     OIDC token, {@code unauthenticated} on a broker without auth
 * @param id the {@code authid}: the subject (never the credential itself); empty when unauthenticated
 * @param claims the {@code authclaims} JSON (issuer and subject of a JWT: nothing that could be replayed)
 */
public record Principal(String type, Optional<String> id, Optional<String> claims) {
    public static final String API_KEY = "api_key";
    public static final String SERVICE_ACCOUNT = "service_account";
    public static final String UNAUTHENTICATED = "unauthenticated";

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(claims, "claims");
    }

    public static Principal anonymous() {
        return new Principal(UNAUTHENTICATED, Optional.empty(), Optional.empty());
    }

    /** The subject checked against {@code switchboard.dev/allowed-subjects}. */
    public String subject() {
        return id.orElse("");
    }
}
