package dev.switchboard.broker.ingress.auth;

/** What checking one presented bearer token found: the principal it proves, or why it proves nothing. */
public sealed interface TokenCheck {

    record Valid(Principal principal) implements TokenCheck {}

    /** @param reason a short reason safe to show the client: it never contains the token */
    record Invalid(String reason) implements TokenCheck {}
}
