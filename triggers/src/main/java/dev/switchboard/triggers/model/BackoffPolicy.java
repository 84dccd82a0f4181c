package dev.switchboard.triggers.model;

/** Knative {@code spec.delivery.backoffPolicy}. */
public enum BackoffPolicy {
    /** the n-th wait is {@code backoffDelay * 2^(n-1)}. */
    EXPONENTIAL,
    /** the n-th wait is {@code backoffDelay * n}. */
    LINEAR
}
