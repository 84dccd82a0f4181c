package dev.switchboard.triggers.model;

import java.util.List;
import java.util.Objects;

/**
 * A broker's {@code switchboard.dev/} annotations, parsed (docs/security.md).
 *
 * @param auth {@code switchboard.dev/auth}, default {@link AuthMode#NONE}
 * @param allowedSubjects {@code switchboard.dev/allowed-subjects}; empty means every authenticated subject
 * @param recordAuthContext {@code switchboard.dev/authcontext: "true"} opts in to recording the principal
 */
public record BrokerOptions(AuthMode auth, List<String> allowedSubjects, boolean recordAuthContext) {

    public BrokerOptions {
        Objects.requireNonNull(auth, "auth");
        allowedSubjects = List.copyOf(allowedSubjects);
    }

    public static BrokerOptions defaults() {
        return new BrokerOptions(AuthMode.NONE, List.of(), false);
    }
}
