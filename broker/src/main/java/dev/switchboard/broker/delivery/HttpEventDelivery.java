package dev.switchboard.broker.delivery;

import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.log.EventAppender;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.policy.DeliveryDecider;
import dev.switchboard.triggers.policy.Jitter;
import dev.switchboard.triggers.policy.JitteredBackoff;
import dev.switchboard.triggers.policy.RetryAfterParser;
import dev.switchboard.triggers.policy.StatusClassifier;
import dev.switchboard.triggers.policy.Verdict;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Delivers events to subscribers over HTTP with the Vert.x client (docs/delivery.md): retries on timers as the
 * trigger's policy rules, dead letters that are never dropped, and reply events published back into the broker.
 *
 * <pre>
 *  POST subscriber ──2xx──▶ reply? ──none / discard / ttl exhausted──────────────────▶ Delivered
 *     ▲    │                  └─valid──▶ append to broker topic (until acked) ─────────▶ Delivered
 *     │    ├─retryable, attempts left──▶ timer(backoff | Retry-After) ──┐
 *     └────┼────────────────────────────────────────────────────────────┘
 *          └─give up (not retryable, no attempts left, malformed reply)
 *                 ▼ + knativeerrordest / knativeerrorcode / knativeerrordata
 *          sink? ──POST sink with the same policy ──2xx──────────────────────────────▶ DeadLetteredToSink
 *            │                         └─gave up──┐
 *            └─none───────────────────────────────┴──▶ append to .dlq (until acked) ─▶ ParkedInTopic
 * </pre>
 *
 * <p>Every delivery runs on the Vert.x context it was started from (or a new event-loop context), never
 * blocks and never sleeps. {@link #release(ResourceId)} abandons a removed trigger's deliveries (their futures
 * fail with {@link DeliveryAbandonedException}) and closes connection pools no other trigger uses.
 */
public final class HttpEventDelivery implements EventDelivery {
    private final Vertx vertx;
    private final OriginClients clients;
    private final RetryingPoster poster;
    private final RequestEncoder encoder = new RequestEncoder();
    private final ReplyInspector replies = new ReplyInspector(new EventReader());
    private final DeadLetterExtensions deadLetters = new DeadLetterExtensions();
    private final BrokerTtl ttl = new BrokerTtl();
    private final InsistentAppender log;
    private final DeliveryMetrics metrics;
    private final EgressRefusals refusals;
    private final EgressCredentials credentials;
    private final DeliveryFailures failures;
    private final DeliveryTracer tracer;
    private final Map<ResourceId, Set<DeliveryRun>> runs = new ConcurrentHashMap<>();

    /**
     * @param vertx runs the HTTP clients and timers
     * @param log where replies (broker topic) and parked dead letters ({@code .dlq} topic) are written
     * @param decider the retry policy's verdict after each attempt
     * @param registry the one meter registry
     * @param random the jitter of the retries of Kafka writes
     * @param settings pool size, response limit, Kafka write retry waits
     * @param egress the guard, refusals, credentials and tracer of every attempt
     */
    HttpEventDelivery(
            Vertx vertx,
            EventAppender log,
            DeliveryDecider decider,
            MeterRegistry registry,
            RandomGenerator random,
            DeliverySettings settings,
            DeliveryEgress egress) {
        this.vertx = vertx;
        this.tracer = egress.tracer();
        this.refusals = egress.refusals();
        this.credentials = egress.credentials();
        this.clients = new OriginClients(vertx, settings.maxConnectionsPerOrigin());
        this.poster = new RetryingPoster(
                new HttpAttempt(vertx, settings.maxResponseBytes(), egress.guard()),
                decider,
                registry.config().clock()::monotonicTime);
        this.log =
                new InsistentAppender(log, settings.storeRetryDelay(), settings.storeRetryMax(), Jitter.from(random));
        this.metrics = new DeliveryMetrics(registry);
        this.failures = new DeliveryFailures(
                () -> Instant.ofEpochMilli(registry.config().clock().wallTime()));
    }

    /**
     * The delivery stage with the docs/delivery.md policy rules (jitter from {@code random}, Retry-After dates by
     * {@code clock}), the default egress guard, no credentials and no tracing.
     */
    public static HttpEventDelivery create(
            Vertx vertx, EventAppender log, MeterRegistry registry, Clock clock, RandomGenerator random) {
        return create(vertx, log, registry, clock, random, DeliveryEgress.open(vertx));
    }

    /** The same, leaving the process as {@code egress} says (docs/security.md, docs/tracing.md). */
    public static HttpEventDelivery create(
            Vertx vertx,
            EventAppender log,
            MeterRegistry registry,
            Clock clock,
            RandomGenerator random,
            DeliveryEgress egress) {
        DeliveryDecider decider = new DeliveryDecider(
                new StatusClassifier(), new JitteredBackoff(Jitter.from(random)), new RetryAfterParser(clock));
        return new HttpEventDelivery(vertx, log, decider, registry, random, DeliverySettings.defaults(), egress);
    }

    /** The last failed attempt of each trigger, timed by the registry's clock, for {@code status.lastFailure}. */
    public DeliveryFailures failures() {
        return failures;
    }

    /** The last egress refusal of each trigger, for the trigger's condition. */
    public EgressRefusals egressRefusals() {
        return refusals;
    }

    @Override
    public Future<Settlement> deliver(DeliveryTarget target, InboundEvent event) {
        DeliveryRun run = new DeliveryRun(target.trigger(), vertx.getOrCreateContext());
        Set<DeliveryRun> ofTrigger = runs.computeIfAbsent(target.trigger(), key -> ConcurrentHashMap.newKeySet());
        ofTrigger.add(run);
        return run.start(() -> toSubscriber(run, target, event)).andThen(settled -> ofTrigger.remove(run));
    }

    /**
     * Abandons the deliveries of a trigger that was removed and closes the connection pools no remaining trigger
     * uses. Deliveries started for it afterwards run normally.
     */
    public Future<Void> release(ResourceId trigger) {
        Set<DeliveryRun> ofTrigger = runs.remove(trigger);
        if (ofTrigger != null) {
            ofTrigger.forEach(DeliveryRun::abandon);
        }
        refusals.clear(trigger);
        failures.clear(trigger);
        metrics.release(trigger);
        return clients.release(trigger);
    }

    /** Abandons every unsettled delivery and closes every connection pool. */
    public Future<Void> close() {
        runs.values().forEach(ofTrigger -> ofTrigger.forEach(DeliveryRun::abandon));
        runs.clear();
        return clients.close();
    }

    /** How many subscriber and sink origins have an open connection pool. */
    public int openPools() {
        return clients.size();
    }

    private Future<Settlement> toSubscriber(DeliveryRun run, DeliveryTarget target, InboundEvent event) {
        RetryingPoster.Posting posting = new RetryingPoster.Posting(
                () -> clients.clientFor(
                        target.subscriber(), target.trigger(), target.options().caBundle()),
                target.subscriber(),
                encoder.encode(event.event(), target.policy().format(), event.transportHeaders(), true),
                target.policy(),
                credentials.authorization(target.options().subscriberAuth()),
                tracer.attempts(target, event, DeliveryTracer.Destination.SUBSCRIBER));
        return poster.post(run, posting, answer -> replyProblem(target, answer), (exchange, verdict, elapsed) -> {
                    if (exchange instanceof Exchange.Answered answer) {
                        metrics.dispatchDuration(target, answer.status(), elapsed);
                    }
                    noteRefusal(target, target.subscriber(), exchange);
                    metrics.attempt(target, outcome(verdict));
                    failures.attempted(target.trigger(), target.subscriber(), exchange, verdict);
                })
                .compose(outcome -> {
                    if (outcome instanceof PostOutcome.Accepted accepted) {
                        refusals.clear(target.trigger());
                        return publishReply(run, target, event, accepted.answer())
                                .map(published -> (Settlement) new Settlement.Delivered(accepted.attempts()));
                    }
                    return deadLetter(run, target, event, (PostOutcome.GaveUp) outcome);
                });
    }

    private Optional<String> replyProblem(DeliveryTarget target, Exchange.Answered answer) {
        if (replies.inspect(answer, target.options().reply()) instanceof Reply.Invalid invalid) {
            metrics.reply(target, DeliveryMetrics.ReplyResult.INVALID);
            return Optional.of(invalid.reason());
        }
        return Optional.empty();
    }

    private Future<Void> publishReply(
            DeliveryRun run, DeliveryTarget target, InboundEvent event, Exchange.Answered answer) {
        Reply reply = replies.inspect(answer, target.options().reply());
        if (reply instanceof Reply.Discarded) {
            metrics.reply(target, DeliveryMetrics.ReplyResult.DISCARDED);
        }
        if (!(reply instanceof Reply.Event replied)) {
            return Future.succeededFuture();
        }
        OptionalInt nextTtl = ttl.forReplyTo(event.event());
        if (nextTtl.isEmpty()) {
            metrics.reply(target, DeliveryMetrics.ReplyResult.TTL_EXHAUSTED);
            return Future.succeededFuture();
        }
        CloudEvent published = CloudEventBuilder.from(replied.event())
                .withExtension(BrokerTtl.EXTENSION, nextTtl.getAsInt())
                .build();
        return log.append(run, target.brokerTopic(), published, traceHeaders(event))
                .onSuccess(stored -> metrics.reply(target, DeliveryMetrics.ReplyResult.PUBLISHED));
    }

    private Future<Settlement> deadLetter(
            DeliveryRun run, DeliveryTarget target, InboundEvent event, PostOutcome.GaveUp gaveUp) {
        Verdict.GiveUp verdict = gaveUp.verdict();
        byte[] lastBody = gaveUp.lastAnswer().map(Exchange.Answered::body).orElse(new byte[0]);
        CloudEvent dead = deadLetters.augment(event.event(), target.subscriber(), verdict.status(), lastBody);
        if (target.deadLetterSink().isEmpty()) {
            return park(run, target, event, dead, gaveUp.attempts(), verdict.reason());
        }
        URI sink = target.deadLetterSink().get();
        RetryingPoster.Posting posting = new RetryingPoster.Posting(
                () -> clients.clientFor(sink, target.trigger(), target.options().caBundle()),
                sink,
                encoder.encode(dead, target.policy().format(), event.transportHeaders(), false),
                target.policy(),
                credentials.authorization(target.options().deadLetterAuth()),
                tracer.attempts(target, event, DeliveryTracer.Destination.DEAD_LETTER_SINK));
        return poster.post(
                        run,
                        posting,
                        AnswerCheck.ACCEPT_ANY,
                        (exchange, sinkVerdict, elapsed) -> noteRefusal(target, sink, exchange))
                .compose(outcome -> {
                    if (outcome instanceof PostOutcome.Accepted) {
                        metrics.deadLettered(target, DeliveryMetrics.Destination.SINK);
                        return Future.succeededFuture(
                                new Settlement.DeadLetteredToSink(gaveUp.attempts(), verdict.reason()));
                    }
                    String sinkFailure =
                            ((PostOutcome.GaveUp) outcome).verdict().reason();
                    return park(
                            run,
                            target,
                            event,
                            dead,
                            gaveUp.attempts(),
                            verdict.reason() + "; dead-letter sink " + sink + " failed: " + sinkFailure);
                });
    }

    private Future<Settlement> park(
            DeliveryRun run, DeliveryTarget target, InboundEvent event, CloudEvent dead, int attempts, String reason) {
        return log.append(
                        run,
                        target.deadLetterTopic(),
                        dead,
                        ParkedEventHeaders.of(target.trigger(), event, attempts, reason))
                .map(stored -> {
                    metrics.deadLettered(target, DeliveryMetrics.Destination.TOPIC);
                    return new Settlement.ParkedInTopic(attempts, reason);
                });
    }

    private void noteRefusal(DeliveryTarget target, URI url, Exchange exchange) {
        if (exchange instanceof Exchange.Refused refused) {
            metrics.egressRefused(target);
            refusals.record(target.trigger(), url, refused.reason());
        }
    }

    private static Map<String, String> traceHeaders(InboundEvent event) {
        Map<String, String> headers = new HashMap<>();
        for (String name : RequestEncoder.TRACE_HEADERS) {
            String value = event.transportHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static DeliveryMetrics.AttemptOutcome outcome(Verdict verdict) {
        if (verdict instanceof Verdict.Delivered) {
            return DeliveryMetrics.AttemptOutcome.DELIVERED;
        }
        if (verdict instanceof Verdict.Retry) {
            return DeliveryMetrics.AttemptOutcome.RETRY;
        }
        return DeliveryMetrics.AttemptOutcome.FAILED;
    }
}
