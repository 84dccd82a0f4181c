package dev.switchboard.triggers.policy;

import java.time.Duration;

/**
 * The actual wait before a retry (docs/routing-semantics.md "Delivery policy"): the policy's {@link Backoff} curve, capped at
 * {@code backoffMax} before multiplying so it cannot overflow, multiplied by a {@link Jitter} factor in [0.8,
 * 1.2], and capped at {@code backoffMax} again.
 */
public final class JitteredBackoff {

    private final Jitter jitter;

    public JitteredBackoff(Jitter jitter) {
        this.jitter = jitter;
    }

    /**
     * The wait before retry {@code n} under {@code policy}.
     *
     * @param n 1 for the wait after the first attempt, up to {@code policy.retry()}
     */
    public Duration wait(DeliveryPolicy policy, int n) {
        Duration cap = policy.backoffMax();
        Duration nominal =
                Backoff.of(policy.backoffPolicy(), policy.backoffDelay()).nominal(n, cap);
        long jittered = Math.round(nominal.toNanos() * jitter.factor());
        return Duration.ofNanos(Math.min(jittered, Backoff.saturatedNanos(cap)));
    }
}
