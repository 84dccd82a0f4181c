package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.DeliveryDecider;
import dev.switchboard.triggers.policy.DeliveryPolicy;
import dev.switchboard.triggers.policy.Verdict;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * POSTs one request until a receiver takes it or the policy gives up: after each attempt the {@link
 * DeliveryDecider} rules (docs/delivery.md "Outcome by status", "Retry policy") and a retry waits on a timer of the
 * run. Used for subscribers and, with the same policy, for dead-letter sinks.
 */
final class RetryingPoster {
    private final HttpAttempt attempt;
    private final DeliveryDecider decider;
    private final LongSupplier nanoTime;

    /** @param nanoTime a monotonic clock in nanoseconds, to time attempts */
    RetryingPoster(HttpAttempt attempt, DeliveryDecider decider, LongSupplier nanoTime) {
        this.attempt = attempt;
        this.decider = decider;
        this.nanoTime = nanoTime;
    }

    /**
     * Where to POST, what, under which policy, with which credentials and how each attempt is traced. {@code client}
     * is asked for the connection pool at each attempt; a failed pool (a CA bundle that cannot be read) fails that
     * attempt like a transport error, and so does a credential that cannot be had (a token endpoint that is down,
     * docs/security.md).
     */
    record Posting(
            Supplier<Future<HttpClient>> client,
            URI url,
            OutgoingRequest request,
            DeliveryPolicy policy,
            AttemptAuthorization authorization,
            DeliveryTracer.Attempts traces) {

        Posting(Supplier<Future<HttpClient>> client, URI url, OutgoingRequest request, DeliveryPolicy policy) {
            this(client, url, request, policy, AttemptAuthorization.NONE, DeliveryTracer.Attempts.NONE);
        }
    }

    Future<PostOutcome> post(DeliveryRun run, Posting posting, AnswerCheck check, AttemptListener listener) {
        return attemptFrom(1, run, posting, check, listener);
    }

    private Future<PostOutcome> attemptFrom(
            int n, DeliveryRun run, Posting posting, AnswerCheck check, AttemptListener listener) {
        long started = nanoTime.getAsLong();
        AttemptTrace trace = posting.traces().start(n);
        return run.unlessAbandoned(() -> authorized(posting, trace))
                .compose(exchange -> run.unlessAbandoned(() -> {
                    AttemptResult result = exchange.result();
                    Verdict verdict = judge(n, posting.policy(), exchange, result, check);
                    listener.attempted(exchange, verdict, Duration.ofNanos(nanoTime.getAsLong() - started));
                    trace.ended(result, verdict);
                    Optional<Exchange.Answered> answer =
                            exchange instanceof Exchange.Answered a ? Optional.of(a) : Optional.empty();
                    if (verdict instanceof Verdict.Delivered) {
                        return Future.succeededFuture(new PostOutcome.Accepted(answer.orElseThrow(), n));
                    }
                    if (verdict instanceof Verdict.Retry retry) {
                        return run.after(retry.after())
                                .compose(waited -> attemptFrom(n + 1, run, posting, check, listener));
                    }
                    return Future.succeededFuture(new PostOutcome.GaveUp((Verdict.GiveUp) verdict, answer, n));
                }));
    }

    /**
     * One attempt with the destination's current credentials. A 401 to a credential that can be renewed (an OAuth 2.0
     * token) is repeated once at once with a new one, within the same attempt: it does not count against {@code
     * retry}, and a second 401 is judged as any 4xx (docs/security.md, docs/delivery.md "Outcome by status").
     */
    private Future<Exchange> authorized(Posting posting, AttemptTrace trace) {
        return withCredentials(posting, trace).compose(exchange -> {
            if (exchange.sent().isPresent()
                    && exchange.exchange() instanceof Exchange.Answered answer
                    && answer.status() == 401
                    && posting.authorization()
                            .renewAfterRejection(exchange.sent().get())) {
                return withCredentials(posting, trace).map(CredentialedExchange::exchange);
            }
            return Future.succeededFuture(exchange.exchange());
        });
    }

    private record CredentialedExchange(Optional<String> sent, Exchange exchange) {}

    /** The request with the destination's credentials and the attempt's trace headers (docs/tracing.md). */
    private Future<CredentialedExchange> withCredentials(Posting posting, AttemptTrace trace) {
        return posting.authorization().header().transform(header -> {
            if (header.failed()) {
                return Future.succeededFuture(new CredentialedExchange(
                        Optional.empty(),
                        new Exchange.Unanswered(new AttemptResult.TransportError(
                                "no credentials for " + posting.url().getHost() + ": "
                                        + header.cause().getMessage()))));
            }
            Optional<String> authorization = header.result();
            OutgoingRequest request = posting.request();
            Map<String, String> traceHeaders = trace.headers();
            if (authorization.isPresent() || !traceHeaders.isEmpty()) {
                MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
                authorization.ifPresent(value -> headers.set(HttpHeaders.AUTHORIZATION, value));
                traceHeaders.forEach(headers::set);
                request = new OutgoingRequest(headers, request.body());
            }
            return attempt.post(
                            posting.client(),
                            posting.url(),
                            request,
                            posting.policy().timeout())
                    .map(exchange -> new CredentialedExchange(authorization, exchange));
        });
    }

    private Verdict judge(int n, DeliveryPolicy policy, Exchange exchange, AttemptResult result, AnswerCheck check) {
        if (exchange instanceof Exchange.Refused refused) {
            return new Verdict.GiveUp(refused.reason(), OptionalInt.empty());
        }
        Verdict verdict = decider.decide(policy, n, result);
        if (verdict instanceof Verdict.Delivered && exchange instanceof Exchange.Answered answer) {
            Optional<String> problem = check.problem(answer);
            if (problem.isPresent()) {
                return new Verdict.GiveUp(problem.get(), OptionalInt.of(answer.status()));
            }
        }
        return verdict;
    }
}
