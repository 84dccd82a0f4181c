package dev.switchboard.triggers.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials a delivery presents (docs/security.md "Subscriber credentials"): the name of an entry of the server
 * config's {@code egressAuth}, and, for an OAuth 2.0 entry, the audience to ask its tokens for when the
 * destination names one (Knative's {@code spec.subscriber.audience}, which uses the entry {@value #DEFAULT}).
 *
 * @param name the {@code egressAuth} entry
 * @param audience overrides the entry's own audience
 */
public record EgressAuthRef(String name, Optional<String> audience) {
    /** The entry Knative's {@code audience} uses when no annotation names one. */
    public static final String DEFAULT = "default";

    public EgressAuthRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(audience, "audience");
    }

    public static EgressAuthRef named(String name) {
        return new EgressAuthRef(name, Optional.empty());
    }

    /** Whether the ref needs an OAuth 2.0 entry (an audience only means something to a token endpoint). */
    public boolean needsOAuth2() {
        return audience.isPresent();
    }
}
