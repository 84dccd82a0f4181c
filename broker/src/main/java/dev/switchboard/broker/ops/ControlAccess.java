package dev.switchboard.broker.ops;

import dev.switchboard.broker.ingress.auth.StaticTokens;
import dev.switchboard.broker.ingress.auth.TokenCheck;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may call the ops API's POSTs (docs/operations.md): never a page of another origin (a browser sends its {@code Origin};
 * only the ops server's own is allowed: {@code http(s)://{ops.host}:{port}}, or the loopback names ({@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]}) when bound to a wildcard or a loopback address), and, with {@code ops.tokensFile}, only a caller with one of its bearer tokens. Tokens are
 * compared as the ingress compares them ({@link StaticTokens}: SHA-256 digests, constant time) and never logged.
 */
public final class ControlAccess {
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final String host;
    private final Optional<Supplier<StaticTokens>> tokens;

    private ControlAccess(String host, Optional<Supplier<StaticTokens>> tokens) {
        this.host = host;
        this.tokens = tokens;
    }

    /** Same-origin callers only, no token needed. */
    public static ControlAccess sameOrigin(String opsHost) {
        return new ControlAccess(opsHost, Optional.empty());
    }

    /** Same-origin callers presenting a token of {@code tokens} (the live set of {@code ops.tokensFile}). */
    public static ControlAccess withTokens(String opsHost, Supplier<StaticTokens> tokens) {
        return new ControlAccess(opsHost, Optional.of(tokens));
    }

    /** Whether the request's {@code Origin}, when it has one, is this server's own. */
    boolean sameOrigin(HttpServerRequest request) {
        List<String> origins = request.headers().getAll("Origin");
        if (origins.isEmpty()) {
            return true;
        }
        if (origins.size() > 1) {
            return false;
        }
        return ownOrigins(request).contains(origins.get(0).strip().toLowerCase(Locale.ROOT));
    }

    /** Whether a token is needed. */
    boolean needsToken() {
        return tokens.isPresent();
    }

    /** Why the request's credentials are refused, if they are (without a tokens file nothing is refused). */
    Optional<String> refusal(HttpServerRequest request) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        List<String> headers = request.headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return Optional.of("a bearer token is required (ops.tokensFile)");
        }
        String value = headers.get(0).strip();
        if (headers.size() > 1 || !value.regionMatches(true, 0, "Bearer ", 0, 7) || value.length() <= 7) {
            return Optional.of("the Authorization header is not one Bearer token");
        }
        TokenCheck check = tokens.get().get().check(value.substring(7).strip());
        return check instanceof TokenCheck.Invalid invalid ? Optional.of(invalid.reason()) : Optional.empty();
    }

    private Set<String> ownOrigins(HttpServerRequest request) {
        String scheme = request.isSSL() ? "https" : "http";
        int port = request.localAddress().port();
        Set<String> hosts = new HashSet<>();
        if (wildcard(host) || loopback(host)) {
            hosts.addAll(LOOPBACK_NAMES);
        }
        if (!wildcard(host)) {
            hosts.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        Set<String> origins = new HashSet<>();
        for (String name : hosts) {
            String origin = scheme + "://" + name.toLowerCase(Locale.ROOT);
            origins.add(origin + ":" + port);
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                origins.add(origin);
            }
        }
        return origins;
    }

    /** A loopback host: every loopback name reaches this same listener, none can be another site's page. */
    private static boolean loopback(String host) {
        return Set.of("localhost", "127.0.0.1", "::1", "[::1]").contains(host.toLowerCase(Locale.ROOT));
    }

    /** A wildcard bind address, judged from its text (never a DNS lookup). */
    private static boolean wildcard(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0").contains(literal);
    }
}
