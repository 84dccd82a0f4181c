package dev.switchboard.triggers.model;

import java.util.Objects;

/** A Knative {@code KReference} ({@code subscriber.ref}): resolved to a URL through the server's {@code refs}. */
public record Reference(String apiVersion, String kind, String namespace, String name) {
    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
