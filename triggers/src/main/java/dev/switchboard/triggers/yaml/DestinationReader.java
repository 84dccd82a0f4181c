package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Destination;
import dev.switchboard.triggers.model.Reference;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Knative Destination ({@code subscriber}, {@code deadLetterSink}): a {@code ref} (apiVersion, kind,
 * name, optional namespace defaulting to the resource's) and/or a {@code uri}. Without a ref the uri must be an
 * absolute http(s) URI; with a ref it must be relative, as in Knative's destination validation. {@code audience}
 * (Knative OIDC) is the audience of the tokens the destination expects (docs/security.md).
 */
final class DestinationReader {

    private static final Set<String> FIELDS = Set.of("ref", "uri", "audience");
    private static final Set<String> REF_FIELDS = Set.of("apiVersion", "kind", "name", "namespace");

    private final String namespace;

    /** @param namespace the namespace of the resource holding the destination */
    DestinationReader(String namespace) {
        this.namespace = namespace;
    }

    Optional<Destination> read(YamlMapping destination) {
        FileDiagnostics report = destination.report();
        int before = report.errorCount();
        destination.allowOnly(FIELDS);
        Optional<Reference> ref = destination.mapping("ref").flatMap(this::reference);
        Optional<URI> uri = destination.string("uri").flatMap(text -> uri(destination, text));
        Optional<String> audience = destination.string("audience");
        if (audience.isPresent() && audience.get().isBlank()) {
            report.error(
                    destination.value("audience").orElseThrow(),
                    destination.path("audience"),
                    "must not be empty when given");
        }
        if (!destination.has("ref") && !destination.has("uri")) {
            report.error(destination.anchor(), destination.path(), "a destination needs a ref or a uri");
        }
        if (uri.isPresent()) {
            boolean withRef = destination.has("ref");
            if (!withRef && !isAbsoluteHttp(uri.get())) {
                report.error(
                        destination.value("uri").orElseThrow(),
                        destination.path("uri"),
                        "must be an absolute http or https URI when there is no ref, got \"" + uri.get() + "\"");
            } else if (withRef && uri.get().isAbsolute()) {
                report.error(
                        destination.value("uri").orElseThrow(),
                        destination.path("uri"),
                        "must be a relative URI (a path) when a ref is given, got \"" + uri.get() + "\"");
            }
        }
        if (report.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new Destination(ref, uri, audience.map(String::strip)));
    }

    private Optional<Reference> reference(YamlMapping ref) {
        ref.allowOnly(REF_FIELDS);
        Optional<String> apiVersion = ref.requiredString("apiVersion");
        Optional<String> kind = ref.requiredString("kind");
        Optional<String> name = ref.requiredString("name");
        String refNamespace = ref.string("namespace").orElse(namespace);
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reference(apiVersion.get(), kind.get(), refNamespace, name.get()));
    }

    private static Optional<URI> uri(YamlMapping destination, String text) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            destination
                    .report()
                    .error(
                            destination.value("uri").orElseThrow(),
                            destination.path("uri"),
                            "invalid URI: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isAbsoluteHttp(URI uri) {
        String scheme = uri.getScheme();
        return uri.isAbsolute()
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && uri.getHost() != null;
    }
}
