package dev.switchboard.broker.ingress.auth;

import java.util.List;
import java.util.Locale;

/**
 * The credential of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1): absent, presented, or
 * presented in a form that is not a bearer token (another scheme, several headers, an empty token).
 */
sealed interface BearerToken {
    String SCHEME = "bearer ";

    record Absent() implements BearerToken {}

    record Presented(String token) implements BearerToken {
        /** Never prints the token. */
        @Override
        public String toString() {
            return "Presented[token=<redacted>]";
        }
    }

    record Malformed(String reason) implements BearerToken {}

    static BearerToken of(List<String> authorizationHeaders) {
        if (authorizationHeaders.isEmpty()) {
            return new Absent();
        }
        if (authorizationHeaders.size() > 1) {
            return new Malformed("more than one Authorization header");
        }
        String value = authorizationHeaders.get(0).strip();
        if (value.length() <= SCHEME.length()
                || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return new Malformed("the Authorization header is not a Bearer token");
        }
        String token = value.substring(SCHEME.length()).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return new Malformed("the bearer token is empty or has characters a token cannot have");
        }
        return new Presented(token);
    }
}
