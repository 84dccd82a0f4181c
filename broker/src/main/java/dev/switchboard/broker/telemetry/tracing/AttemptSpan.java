package dev.switchboard.broker.telemetry.tracing;

import dev.switchboard.broker.delivery.AttemptTrace;
import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.Verdict;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Map;

/**
 * One attempt's span: its request carries the span's {@code traceparent}; it ends with the HTTP status, the outcome
 * ({@code delivered}, {@code retry}, or {@code failed} for the last failure before the dead letter, as {@code
 * switchboard_delivery_attempts_total} counts them) and an error status on any failure.
 */
final class AttemptSpan implements AttemptTrace {
    private final Span span;
    private final Map<String, String> headers;

    AttemptSpan(Span span) {
        this.span = span;
        this.headers = TraceHeaders.of(span, Map.of());
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void ended(AttemptResult result, Verdict verdict) {
        if (result instanceof AttemptResult.Status status) {
            span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status.code());
        }
        span.setAttribute(SpanAttributes.DELIVERY_OUTCOME, outcome(verdict));
        if (!(verdict instanceof Verdict.Delivered)) {
            span.setAttribute(SpanAttributes.ERROR_TYPE, errorType(result));
            span.setStatus(StatusCode.ERROR, describe(result, verdict));
        }
        span.end();
    }

    private static String outcome(Verdict verdict) {
        if (verdict instanceof Verdict.Delivered) {
            return "delivered";
        }
        return verdict instanceof Verdict.Retry ? "retry" : "failed";
    }

    /** The HTTP conventions' {@code error.type}: the status code, or what kept the answer from coming. */
    private static String errorType(AttemptResult result) {
        if (result instanceof AttemptResult.Status status) {
            return Integer.toString(status.code());
        }
        return result instanceof AttemptResult.Timeout ? "timeout" : "transport";
    }

    private static String describe(AttemptResult result, Verdict verdict) {
        if (verdict instanceof Verdict.GiveUp giveUp) {
            return giveUp.reason();
        }
        if (result instanceof AttemptResult.Status status) {
            return "HTTP " + status.code();
        }
        if (result instanceof AttemptResult.TransportError error) {
            return error.message();
        }
        return "no answer within the attempt's timeout";
    }
}
