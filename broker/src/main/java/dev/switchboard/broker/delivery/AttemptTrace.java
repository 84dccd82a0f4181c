package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.Verdict;
import java.util.Map;

/** The trace of one delivery attempt (docs/tracing.md), from just before its request is sent to the verdict on it. */
public interface AttemptTrace {
    AttemptTrace NONE = new AttemptTrace() {
        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void ended(AttemptResult result, Verdict verdict) {}
    };

    /**
     * The W3C trace headers ({@code traceparent}, {@code tracestate}) the attempt's request carries in place of those
     * stored with the event; empty to send the stored ones.
     */
    Map<String, String> headers();

    /** What the attempt came back with and what the delivery policy decided after it. */
    void ended(AttemptResult result, Verdict verdict);
}
