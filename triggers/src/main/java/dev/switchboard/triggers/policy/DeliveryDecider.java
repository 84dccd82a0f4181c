package dev.switchboard.triggers.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides, after each attempt, whether an event is delivered, retried after some wait, or given up to the
 * dead-letter path (docs/delivery.md "Outcome of an attempt" and docs/routing-semantics.md "Delivery policy"; Knative data-plane contract
 * https://github.com/knative/specs/blob/main/specs/eventing/data-plane.md#event-acknowledgement-and-delivery-retry).
 *
 * <pre>
 *   attempt n ──▶ 2xx ─────────────────────────────▶ Delivered
 *       │   ──▶ 3xx / other 4xx ────────────────────▶ GiveUp(status)
 *       │   ──▶ 404 408 409 429 5xx, error, timeout
 *       │          ├─ n = 1 + retry ────────────────▶ GiveUp(last status or none)
 *       │          └─ otherwise ─────────────────────▶ Retry(backoff(n), or Retry-After on 429/503)
 * </pre>
 *
 * <p>{@code retry: N} therefore gives exactly {@code 1 + N} attempts unless one succeeds. On 429 and 503 a
 * valid {@code Retry-After} raises the wait to {@code max(backoff, min(Retry-After, retryAfterMax))}; it never
 * shortens it.
 */
public final class DeliveryDecider {

    private final StatusClassifier statuses;
    private final JitteredBackoff backoff;
    private final RetryAfterParser retryAfter;

    public DeliveryDecider(StatusClassifier statuses, JitteredBackoff backoff, RetryAfterParser retryAfter) {
        this.statuses = statuses;
        this.backoff = backoff;
        this.retryAfter = retryAfter;
    }

    /**
     * The verdict after attempt number {@code attempt} (1 for the first) came back with {@code result}.
     */
    public Verdict decide(DeliveryPolicy policy, int attempt, AttemptResult result) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1: " + attempt);
        }
        if (result instanceof AttemptResult.Status status) {
            return decideStatus(policy, attempt, status);
        }
        if (result instanceof AttemptResult.TransportError error) {
            return retryOrGiveUp(
                    policy, attempt, "transport error: " + error.message(), OptionalInt.empty(), Optional.empty());
        }
        return retryOrGiveUp(
                policy, attempt, "timed out after " + policy.timeout(), OptionalInt.empty(), Optional.empty());
    }

    private Verdict decideStatus(DeliveryPolicy policy, int attempt, AttemptResult.Status status) {
        int code = status.code();
        return switch (statuses.classify(code)) {
            case DELIVERED -> new Verdict.Delivered();
            case GIVE_UP -> new Verdict.GiveUp("status " + code + " is not retryable", OptionalInt.of(code));
            case RETRY -> retryOrGiveUp(policy, attempt, "status " + code, OptionalInt.of(code), requestedWait(status));
        };
    }

    /** A valid {@code Retry-After}, honoured on 429 and 503 only. */
    private Optional<Duration> requestedWait(AttemptResult.Status status) {
        if (status.code() != 429 && status.code() != 503) {
            return Optional.empty();
        }
        return status.retryAfter().flatMap(retryAfter::parse);
    }

    private Verdict retryOrGiveUp(
            DeliveryPolicy policy, int attempt, String failure, OptionalInt code, Optional<Duration> asked) {
        if (attempt >= policy.maxAttempts()) {
            return new Verdict.GiveUp(failure + " after " + attempt + " attempt(s), no retries left", code);
        }
        Duration wait = backoff.wait(policy, attempt);
        if (asked.isPresent()) {
            Duration bounded = min(asked.get(), policy.retryAfterMax());
            wait = bounded.compareTo(wait) > 0 ? bounded : wait;
        }
        return new Verdict.Retry(wait);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
