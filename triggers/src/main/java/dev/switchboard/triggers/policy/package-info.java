/**
 * Delivery policy: the effective retry settings of a trigger, the retryable-status table, backoff with
 * jitter and cap, {@code Retry-After} parsing, and the verdict after each attempt (docs/delivery.md "Outcome of an
 * attempt", docs/routing-semantics.md "Delivery policy").
 *
 * <p>The delivery stage asks this package "what now?" after every attempt and gets a value back; everything
 * here is a pure function of its inputs plus an injected {@link java.time.Clock} and random source, so
 * nothing sleeps and every rule is tested without waiting.
 */
package dev.switchboard.triggers.policy;
