package dev.switchboard.triggers.model;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A trigger's vendor annotations, parsed (SPEC §5). Defaults are those of {@link #defaults()}.
 *
 * @param order {@code kafka.eventing.knative.dev/delivery.order}, default unordered
 * @param maxInFlight {@code switchboard.dev/max-in-flight}, default {@value #DEFAULT_MAX_IN_FLIGHT}
 * @param rateLimit {@code switchboard.dev/rate-limit} in events per second, default unlimited (empty)
 * @param startFrom {@code switchboard.dev/start-from}, default latest
 * @param paused {@code switchboard.dev/paused}, default false
 * @param reply {@code switchboard.dev/reply}, default publish
 * @param backoffMax {@code switchboard.dev/backoff-max}, default PT5M
 */
public record TriggerOptions(
        DeliveryOrder order,
        int maxInFlight,
        OptionalDouble rateLimit,
        StartFrom startFrom,
        boolean paused,
        ReplyMode reply,
        Duration backoffMax) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 100;
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);

    public TriggerOptions {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
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
