package dev.switchboard.triggers.model;

import java.net.URI;
import java.util.Optional;

/**
 * A Knative {@code Destination} ({@code subscriber}, {@code deadLetterSink}): an absolute {@code uri}, or a
 * {@code ref} with an optional {@code uri} relative to the ref's resolved base URL, and an optional OIDC
 * {@code audience} the destination expects tokens for (docs/security.md).
 */
public record Destination(Optional<Reference> ref, Optional<URI> uri, Optional<String> audience) {
    public Destination(Optional<Reference> ref, Optional<URI> uri) {
        this(ref, uri, Optional.empty());
    }

    public static Destination of(URI uri) {
        return new Destination(Optional.empty(), Optional.of(uri));
    }
}
