package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.Verdict;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records attempts into a {@link DeliveryFailures} as the delivery stage does, for tests of other stages (the ops
 * API and status page) that show them.
 */
public final class FailedAttempts {
    private FailedAttempts() {}

    /** The subscriber answered {@code status} with {@code body}, and the event will be retried. */
    public static void answered(DeliveryFailures failures, ResourceId trigger, URI url, int status, String body) {
        failures.attempted(
                trigger,
                url,
                new Exchange.Answered(
                        status, MultiMap.caseInsensitiveMultiMap(), body.getBytes(StandardCharsets.UTF_8), false),
                new Verdict.Retry(Duration.ofSeconds(1)));
    }

    /** The connection failed with {@code message}, and the event will be retried. */
    public static void unanswered(DeliveryFailures failures, ResourceId trigger, URI url, String message) {
        failures.attempted(
                trigger,
                url,
                new Exchange.Unanswered(new AttemptResult.TransportError(message)),
                new Verdict.Retry(Duration.ofSeconds(1)));
    }

    /** The subscriber took an event. */
    public static void delivered(DeliveryFailures failures, ResourceId trigger, URI url) {
        failures.attempted(
                trigger,
                url,
                new Exchange.Answered(200, MultiMap.caseInsensitiveMultiMap(), new byte[0], false),
                new Verdict.Delivered());
    }
}
