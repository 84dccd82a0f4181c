package dev.switchboard.triggers.model;

import java.net.URI;
import java.util.Objects;

/**
 * One entry of the server config's {@code refs}: the base URL that a Knative {@code ref} of this kind,
 * namespace and name stands for outside Kubernetes (docs/configuration.md).
 */
public record RefMapping(String kind, String namespace, String name, URI url) {

    public RefMapping {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("ref url must be absolute: " + url);
        }
    }

    public boolean matches(Reference ref, String defaultNamespace) {
        String refNamespace = ref.namespace() == null ? defaultNamespace : ref.namespace();
        return kind.equals(ref.kind()) && namespace.equals(refNamespace) && name.equals(ref.name());
    }
}
