package dev.switchboard.broker.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.net.InetAddress;

/**
 * Resolves names with the resolver Vert.x's own clients use (its {@code AddressResolverOptions}: hosts file,
 * DNS servers, caching), without blocking an event loop.
 */
final class VertxAddressLookup implements AddressLookup {
    private final Vertx vertx;

    VertxAddressLookup(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<InetAddress> resolve(String host) {
        return ((VertxInternal) vertx).nameResolver().resolve(host);
    }
}
