package dev.switchboard.broker.config;

import java.net.URI;

/**
 * One {@code refs} entry (docs/configuration.md): a Knative {@code subscriber.ref} (kind, namespace, name) and the
 * absolute http(s) base URL it resolves to.
 */
public record RefMapping(String kind, String namespace, String name, URI url) {

    public boolean matches(String kind, String namespace, String name) {
        return this.kind.equals(kind) && this.namespace.equals(namespace) && this.name.equals(name);
    }
}
