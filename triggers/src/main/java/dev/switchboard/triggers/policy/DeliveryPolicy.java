package dev.switchboard.triggers.policy;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery settings a trigger actually runs with, every value concrete (docs/routing-semantics.md "Delivery policy").
 *
 * @param retry how many retries after the first attempt: {@code retry: N} is exactly {@code 1 + N} attempts
 *     unless one succeeds
 * @param backoffPolicy how the wait grows from one retry to the next
 * @param backoffDelay the base wait
 * @param backoffMax the cap on any backoff wait ({@code switchboard.dev/backoff-max})
 * @param timeout the deadline of one attempt
 * @param retryAfterMax the cap on a honoured {@code Retry-After}
 * @param format how the event is put on the wire
 * @param deadLetterSink where an event goes after the last failed attempt, if anywhere
 */
public record DeliveryPolicy(
        int retry,
        BackoffPolicy backoffPolicy,
        Duration backoffDelay,
        Duration backoffMax,
        Duration timeout,
        Duration retryAfterMax,
        DeliveryFormat format,
        Optional<Destination> deadLetterSink) {

    /** Default {@code retry} (docs/delivery.md). */
    public static final int DEFAULT_RETRY = 10;
    /** Default {@code backoffPolicy} (docs/delivery.md). */
    public static final BackoffPolicy DEFAULT_BACKOFF_POLICY = BackoffPolicy.EXPONENTIAL;
    /** Default {@code backoffDelay} (docs/delivery.md). */
    public static final Duration DEFAULT_BACKOFF_DELAY = Duration.ofMillis(200);
    /** Default {@code switchboard.dev/backoff-max} (docs/delivery.md). */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);
    /** Default {@code timeout} (docs/delivery.md). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@code retryAfterMax} (docs/delivery.md). */
    public static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofMinutes(5);

    public DeliveryPolicy {
        Objects.requireNonNull(backoffPolicy, "backoffPolicy");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
        requireNotNegative(backoffDelay, "backoffDelay");
        requireNotNegative(backoffMax, "backoffMax");
        requireNotNegative(retryAfterMax, "retryAfterMax");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The policy when nothing is set anywhere. */
    public static DeliveryPolicy defaults() {
        return effective(Optional.empty(), Optional.empty(), DEFAULT_BACKOFF_MAX);
    }

    /**
     * The policy of a trigger: its own {@code spec.delivery} when present, replacing the broker's whole
     * (Knative semantics, never merged field by field), else the broker's, with defaults for what the chosen
     * spec leaves out.
     *
     * @param broker the broker's {@code spec.delivery}, if any
     * @param trigger the trigger's {@code spec.delivery}, if any
     * @param backoffMax the trigger's {@code switchboard.dev/backoff-max}, or {@link #DEFAULT_BACKOFF_MAX}
     */
    public static DeliveryPolicy effective(
            Optional<DeliverySpec> broker, Optional<DeliverySpec> trigger, Duration backoffMax) {
        DeliverySpec spec = trigger.or(() -> broker).orElseGet(DeliverySpec::empty);
        return new DeliveryPolicy(
                spec.retry().orElse(DEFAULT_RETRY),
                spec.backoffPolicy().orElse(DEFAULT_BACKOFF_POLICY),
                spec.backoffDelay().orElse(DEFAULT_BACKOFF_DELAY),
                backoffMax,
                spec.timeout().orElse(DEFAULT_TIMEOUT),
                spec.retryAfterMax().orElse(DEFAULT_RETRY_AFTER_MAX),
                spec.format().orElse(DeliveryFormat.BINARY),
                spec.deadLetterSink());
    }

    /** How many attempts at most: the first plus {@link #retry} retries. */
    public long maxAttempts() {
        return 1L + retry;
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
