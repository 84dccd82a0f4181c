package dev.switchboard.triggers.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A trigger's vendor annotations, parsed (docs/delivery.md). Defaults are those of {@link #defaults()}.
 *
 * @param order {@code kafka.eventing.knative.dev/delivery.order}, default unordered
 * @param maxInFlight {@code switchboard.dev/max-in-flight}, default {@value #DEFAULT_MAX_IN_FLIGHT}
 * @param rateLimit {@code switchboard.dev/rate-limit} in events per second, default unlimited (empty)
 * @param startFrom {@code switchboard.dev/start-from}, default latest
 * @param paused {@code switchboard.dev/paused}, default false
 * @param reply {@code switchboard.dev/reply}, default publish
 * @param backoffMax {@code switchboard.dev/backoff-max}, default PT5M
 * @param caBundle {@code switchboard.dev/ca-bundle}: a PEM file of CA certificates trusted on top of the JVM's for
 *     this trigger's {@code https://} subscriber and dead-letter sink (docs/security.md); whether it exists and parses is
 *     the broker's concern, the path is only checked to be non-empty here
 * @param subscriberAuth {@code switchboard.dev/subscriber-auth}, or the {@code default} entry with {@code
 *     spec.subscriber.audience} (docs/security.md): the credentials sent to the subscriber
 * @param deadLetterAuth {@code switchboard.dev/dead-letter-auth}, or {@code default} with the sink's audience: the
 *     credentials sent to the dead-letter sink
 */
public record TriggerOptions(
        DeliveryOrder order,
        int maxInFlight,
        OptionalDouble rateLimit,
        StartFrom startFrom,
        boolean paused,
        ReplyMode reply,
        Duration backoffMax,
        Optional<Path> caBundle,
        Optional<EgressAuthRef> subscriberAuth,
        Optional<EgressAuthRef> deadLetterAuth) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 100;
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);

    public TriggerOptions {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(subscriberAuth, "subscriberAuth");
        Objects.requireNonNull(deadLetterAuth, "deadLetterAuth");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
    }

    /** Options without credentials. */
    public TriggerOptions(
            DeliveryOrder order,
            int maxInFlight,
            OptionalDouble rateLimit,
            StartFrom startFrom,
            boolean paused,
            ReplyMode reply,
            Duration backoffMax,
            Optional<Path> caBundle) {
        this(
                order,
                maxInFlight,
                rateLimit,
                startFrom,
                paused,
                reply,
                backoffMax,
                caBundle,
                Optional.empty(),
                Optional.empty());
    }

    /** These options with the credentials of the subscriber and of the dead-letter sink. */
    public TriggerOptions withAuth(Optional<EgressAuthRef> subscriber, Optional<EgressAuthRef> deadLetter) {
        return new TriggerOptions(
                order, maxInFlight, rateLimit, startFrom, paused, reply, backoffMax, caBundle, subscriber, deadLetter);
    }

    /** Options without a CA bundle: https deliveries trust the JVM's trust store only. */
    public TriggerOptions(
            DeliveryOrder order,
            int maxInFlight,
            OptionalDouble rateLimit,
            StartFrom startFrom,
            boolean paused,
            ReplyMode reply,
            Duration backoffMax) {
        this(order, maxInFlight, rateLimit, startFrom, paused, reply, backoffMax, Optional.empty());
    }

    public static TriggerOptions defaults() {
        return new TriggerOptions(
                DeliveryOrder.UNORDERED,
                DEFAULT_MAX_IN_FLIGHT,
                OptionalDouble.empty(),
                new StartFrom.Latest(),
                false,
                ReplyMode.PUBLISH,
                DEFAULT_BACKOFF_MAX);
    }
}
