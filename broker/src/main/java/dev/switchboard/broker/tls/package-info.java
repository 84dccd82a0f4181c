/**
 * TLS for Switchboard's listeners (docs/security.md {@code tls}): server options read from PEM files, and a reloader
 * that applies changed files to running servers without a restart. A library of the stages, like {@code codec}:
 * the ingress and ops listeners use it, it uses none of them.
 */
package dev.switchboard.broker.tls;
