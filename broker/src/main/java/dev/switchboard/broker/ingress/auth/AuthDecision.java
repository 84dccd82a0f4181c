package dev.switchboard.broker.ingress.auth;

import dev.switchboard.broker.codec.Rejection;
import java.util.Optional;

/** Whether a request may post to its broker (docs/security.md), decided from its headers alone. */
public sealed interface AuthDecision {

    /** May post; the principal is the one to record in {@code authcontext} when the broker opts in. */
    record Admitted(Principal principal) implements AuthDecision {}

    /**
     * May not: 401 ({@link Rejection.Kind#UNAUTHORIZED}) with a {@code WWW-Authenticate} challenge, or 403
     * ({@link Rejection.Kind#FORBIDDEN}) without one.
     */
    record Refused(Rejection rejection, Optional<String> challenge) implements AuthDecision {}
}
