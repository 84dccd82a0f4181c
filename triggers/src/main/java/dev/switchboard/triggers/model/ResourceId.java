package dev.switchboard.triggers.model;

import java.util.Objects;

/** The identity of a Broker or Trigger within its kind: {@code namespace/name}. */
public record ResourceId(String namespace, String name) implements Comparable<ResourceId> {

    public ResourceId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code namespace/name}. */
    public static ResourceId parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("expected NAMESPACE/NAME, got \"" + text + "\"");
        }
        return new ResourceId(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ResourceId other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
