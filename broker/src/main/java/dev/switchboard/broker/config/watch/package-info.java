/**
 * Follows the files a running broker reads its secrets from (TLS PEM files, the tokens file; docs/security.md "TLS": reloaded
 * when the files change) by polling them and comparing SHA-256 digests of their contents. It sits beside
 * {@code config} so that both {@code tls} and {@code ingress} may use it without reaching each other.
 */
package dev.switchboard.broker.config.watch;
