package dev.switchboard.broker.ingress;

import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.util.Optional;

/**
 * How the ingress listener is guarded (docs/security.md): who may post, and TLS.
 *
 * @param authenticator checks credentials from the request headers before any body is read
 * @param tls the listener's TLS (see {@code tls.PemServerTls}), or empty for plain HTTP
 */
public record IngressSecurity(IngressAuthenticator authenticator, Optional<ServerSSLOptions> tls) {

    /** Plain HTTP, and only brokers without auth admit anyone. */
    public static IngressSecurity none(Vertx vertx) {
        return new IngressSecurity(IngressAuthenticator.none(vertx), Optional.empty());
    }
}
