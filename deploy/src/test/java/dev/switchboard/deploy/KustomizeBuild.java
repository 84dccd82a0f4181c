package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a Kustomize directory as {@code kubectl kustomize DIR} does (kustomize v5), for the parts of Kustomize that
 * {@code deploy/} uses: {@code resources} (files and directories), {@code components} ({@code kind: Component},
 * applied to what the including kustomization has accumulated), strategic-merge {@code patches} by file, {@code
 * labels} on metadata only, and {@code namespace}. Any other field, or those options, fails the render with a message
 * saying to extend this class, so a kustomization can never be checked by a renderer that silently ignores part of
 * it. No kubectl or kustomize binary is needed; {@code KustomizeRenderTest} compares the result with a real kubectl
 * where one is installed.
 */
final class KustomizeBuild {

    private static final Set<String> KUSTOMIZATION_FIELDS =
            Set.of("apiVersion", "kind", "resources", "components", "patches", "labels", "namespace");

    /**
     * Lists merged by a key in Kubernetes' strategic merge patch ({@code patchMergeKey} of the API types), by field
     * name: right for the pod template ({@code ports} are a container's; a Service's merge by {@code port}, and
     * patching them fails the render for want of {@code containerPort}). Every other list is replaced whole, as
     * for {@code projected.sources}.
     */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "name",
            "ports", "containerPort");

    private final Set<Path> files = new LinkedHashSet<>();

    /** The resources {@code dir} renders to, in the order Kustomize accumulates them. */
    static List<ObjectNode> render(Path dir) {
        return new KustomizeBuild().build(dir.toAbsolutePath().normalize(), "Kustomization", List.of());
    }

    /** Every file a render of {@code dir} reads: kustomizations, resources and patches. */
    static Set<Path> filesRead(Path dir) {
        KustomizeBuild build = new KustomizeBuild();
        build.build(dir.toAbsolutePath().normalize(), "Kustomization", List.of());
        return build.files;
    }

    /**
     * A kustomization starts from nothing; a component starts from what the kustomization including it has
     * accumulated, adds its resources and transforms all of them.
     */
    private List<ObjectNode> build(Path dir, String kind, List<ObjectNode> accumulated) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode kustomization = read(file).get(0);
        require(kustomization.path("kind").asText().equals(kind), file, "kind must be " + kind);
        String apiVersion =
                kind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
        require(kustomization.path("apiVersion").asText().equals(apiVersion), file, "apiVersion must be " + apiVersion);
        kustomization
                .fieldNames()
                .forEachRemaining(field -> require(
                        KUSTOMIZATION_FIELDS.contains(field),
                        file,
                        "field '" + field + "' is not supported by this renderer: extend KustomizeBuild"));
        List<ObjectNode> resources = new ArrayList<>(accumulated);
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path, "Kustomization", List.of()));
            } else {
                for (JsonNode document : read(path)) {
                    resources.add((ObjectNode) document);
                }
            }
        }
        for (JsonNode entry : kustomization.path("components")) {
            resources = build(dir.resolve(entry.asText()).normalize(), "Component", resources);
        }
        transform(dir, file, kustomization, resources);
        return resources;
    }

    /** Kustomize's order of built-in transformers: patches, then namespace, then labels. */
    private void transform(Path dir, Path file, JsonNode kustomization, List<ObjectNode> resources) {
        for (JsonNode patch : kustomization.path("patches")) {
            require(
                    patch.size() == 1 && patch.has("path"),
                    file,
                    "only patches given by `path` (no target, no inline patch): extend KustomizeBuild");
            for (JsonNode document :
                    read(dir.resolve(patch.get("path").asText()).normalize())) {
                ObjectNode target = find(resources, document, file);
                merge(target, document, "");
            }
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            resources.forEach(r -> ((ObjectNode) r.get("metadata")).put("namespace", namespace));
        }
        for (JsonNode labels : kustomization.path("labels")) {
            require(
                    !labels.path("includeSelectors").asBoolean(false)
                            && !labels.path("includeTemplates").asBoolean(false),
                    file,
                    "labels with includeSelectors or includeTemplates: extend KustomizeBuild");
            for (ObjectNode resource : resources) {
                ObjectNode metadata = (ObjectNode) resource.get("metadata");
                ObjectNode target =
                        metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
                labels.get("pairs").fields().forEachRemaining(e -> target.set(e.getKey(), e.getValue()));
            }
        }
    }

    private static ObjectNode find(List<ObjectNode> resources, JsonNode patch, Path file) {
        List<ObjectNode> found = resources.stream()
                .filter(r -> r.path("kind").equals(patch.path("kind"))
                        && r.at("/metadata/name").equals(patch.at("/metadata/name")))
                .toList();
        require(found.size() == 1, file, "a patch must match exactly one resource: " + patch.at("/metadata"));
        return found.get(0);
    }

    /** Kubernetes' strategic merge of {@code patch} into {@code target}, for maps and the lists of MERGE_KEYS. */
    private static void merge(ObjectNode target, JsonNode patch, String path) {
        patch.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode existing = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value, path + "/" + key);
            } else if (value.isArray() && existing != null && existing.isArray() && MERGE_KEYS.containsKey(key)) {
                target.set(
                        key, mergeList((ArrayNode) existing, (ArrayNode) value, MERGE_KEYS.get(key), path + "/" + key));
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }

    /** As kustomize writes it: the patch's elements first (merged into their match), then the target's others. */
    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String mergeKey, String path) {
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        Set<JsonNode> patched = new HashSet<>();
        for (JsonNode element : patch) {
            JsonNode key = element.get(mergeKey);
            require(
                    key != null,
                    Path.of(path),
                    "a list element without its merge key " + mergeKey + ": extend KustomizeBuild");
            ObjectNode result = element.deepCopy();
            for (JsonNode existing : target) {
                if (key.equals(existing.get(mergeKey))) {
                    result = existing.deepCopy();
                    merge(result, element, path);
                    patched.add(key);
                }
            }
            merged.add(result);
        }
        target.forEach(existing -> {
            if (!patched.contains(existing.get(mergeKey))) {
                merged.add(existing.deepCopy());
            }
        });
        return merged;
    }

    private List<JsonNode> read(Path file) {
        require(Files.isRegularFile(file), file, "does not exist");
        files.add(file);
        return DeployFiles.documents(file);
    }

    private static void require(boolean condition, Path file, String message) {
        if (!condition) {
            throw new IllegalStateException(file + ": " + message);
        }
    }
}
