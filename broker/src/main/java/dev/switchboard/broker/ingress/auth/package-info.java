/**
 * Who may post to a broker (docs/security.md): static bearer tokens or OIDC JWTs checked against a JWKS, then the
 * broker's allowed subjects, decided from the request headers before the ingress reads any body. The verified
 * principal becomes the CloudEvents {@code authcontext} extension when the broker opts in.
 */
package dev.switchboard.broker.ingress.auth;
