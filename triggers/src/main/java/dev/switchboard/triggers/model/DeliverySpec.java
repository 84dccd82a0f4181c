package dev.switchboard.triggers.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Knative {@code spec.delivery} exactly as written (absent fields stay empty). A trigger's delivery spec
 * replaces its broker's whole, it is never merged; defaults are applied by the delivery policy.
 */
public record DeliverySpec(
        Optional<Destination> deadLetterSink,
        Optional<Integer> retry,
        Optional<BackoffPolicy> backoffPolicy,
        Optional<Duration> backoffDelay,
        Optional<Duration> timeout,
        Optional<Duration> retryAfterMax,
        Optional<DeliveryFormat> format) {

    public static DeliverySpec empty() {
        return new DeliverySpec(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
