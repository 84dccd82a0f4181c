package dev.switchboard.broker.delivery;

import io.vertx.core.Future;
import java.net.InetAddress;

/** Resolves a host name (or parses an IP literal) to the one address a connection will use. */
@FunctionalInterface
public interface AddressLookup {
    Future<InetAddress> resolve(String host);
}
