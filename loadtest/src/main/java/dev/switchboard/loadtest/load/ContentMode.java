package dev.switchboard.loadtest.load;

/**
 * The CloudEvents HTTP content modes the generator can send in (docs/ingress.md; CloudEvents HTTP protocol binding
 * v1.0.2 §3.1 binary, §3.2 structured, §3.3 batched).
 */
public enum ContentMode {
    /** Attributes in {@code ce-} headers, data as the body; one event per request. */
    BINARY,
    /** {@code application/cloudevents+json}; one event per request. */
    STRUCTURED,
    /** {@code application/cloudevents-batch+json}; a JSON array of events per request. */
    BATCH
}
