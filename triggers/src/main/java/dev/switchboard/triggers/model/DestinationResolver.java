package dev.switchboard.triggers.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Turns a Knative {@link Destination} into an absolute URI: a {@code ref} through the server's {@code refs}
 * list, then {@code uri} resolved against that base as RFC 3986 does (Knative's
 * {@code url.ResolveReference}); without a ref, {@code uri} itself (already checked absolute by the loader).
 */
public final class DestinationResolver {

    private final List<RefMapping> refs;

    public DestinationResolver(List<RefMapping> refs) {
        this.refs = List.copyOf(refs);
    }

    /**
     * The absolute URI, or empty when the ref matches no mapping.
     *
     * @param namespace the namespace of the resource holding the destination, the default of {@code ref.namespace}
     */
    public Optional<URI> resolve(Destination destination, String namespace) {
        if (destination.ref().isEmpty()) {
            return destination.uri();
        }
        Reference ref = destination.ref().get();
        return refs.stream()
                .filter(mapping -> mapping.matches(ref, namespace))
                .findFirst()
                .map(mapping -> destination
                        .uri()
                        .map(uri -> against(mapping.url(), uri))
                        .orElse(mapping.url()));
    }

    private static URI against(URI base, URI relative) {
        String path = base.getRawPath();
        URI rooted = path == null || path.isEmpty() ? base.resolve("/") : base;
        return rooted.resolve(relative);
    }
}
