package dev.switchboard.triggers.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Kubernetes-style {@code metadata}: name, namespace (default {@value #DEFAULT_NAMESPACE}), free labels and
 * annotations, and a generation that starts at 1 and grows each time a reload changes the resource.
 */
public record ObjectMeta(
        String namespace, String name, Map<String, String> labels, Map<String, String> annotations, long generation) {

    public static final String DEFAULT_NAMESPACE = "default";

    public ObjectMeta {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = sorted(labels);
        annotations = sorted(annotations);
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1, got " + generation);
        }
    }

    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(namespace, name, Map.of(), Map.of(), 1);
    }

    public ResourceId id() {
        return new ResourceId(namespace, name);
    }

    public ObjectMeta withGeneration(long newGeneration) {
        return new ObjectMeta(namespace, name, labels, annotations, newGeneration);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
