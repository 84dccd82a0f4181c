package dev.switchboard.triggers.model;

import java.util.Optional;

/**
 * What the server's {@code egressAuth} defines, as far as a trigger's status needs to know (docs/security.md: an unknown
 * name makes the trigger Ready=False, reason {@code SubscriberAuthNotFound}). The routing language does not see
 * the server config; the broker passes this in.
 */
@FunctionalInterface
public interface EgressAuthCatalog {
    /** Any name is taken as defined: for tools that load resources without a server config ({@code validate}). */
    EgressAuthCatalog UNCHECKED = ref -> Optional.empty();

    /** Why {@code ref} cannot be used (no such entry, or not OAuth 2.0 where an audience is asked for), if it cannot. */
    Optional<String> problem(EgressAuthRef ref);
}
