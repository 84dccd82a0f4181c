package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.Verdict;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a trigger's deliveries fail (docs/operations.md {@code status.lastFailure}): the most recent failed attempt to each
 * trigger's subscriber (when, the HTTP status or none after a transport error, a message), and how many attempts
 * failed since the subscriber last took an event. The failure stays after a success, which only resets the count;
 * it is forgotten when the trigger is released. Thread-safe; the ops stage reads it.
 */
public final class DeliveryFailures {
    /** How much of a failing answer's body the message quotes. */
    static final int QUOTED_BODY_CHARS = 200;

    /**
     * The most recent failed attempt.
     *
     * @param status the HTTP status, empty when there was no answer (refused, reset, timeout, egress refused)
     * @param url where the attempt went
     */
    public record Failure(Instant time, OptionalInt status, String message, URI url) {}

    /**
     * A trigger's failures.
     *
     * @param last the most recent failed attempt
     * @param sinceDelivered attempts that failed since the subscriber last took an event (0 once it took one)
     * @param firstSinceDelivered when the first of those failed, empty when there are none
     */
    public record Record(Failure last, long sinceDelivered, Optional<Instant> firstSinceDelivered) {}

    private final InstantSource clock;
    private final Map<ResourceId, Record> records = new ConcurrentHashMap<>();

    public DeliveryFailures(InstantSource clock) {
        this.clock = clock;
    }

    /** Notes one attempt to {@code url} for {@code trigger} and the verdict after it. */
    void attempted(ResourceId trigger, URI url, Exchange exchange, Verdict verdict) {
        if (verdict instanceof Verdict.Delivered) {
            records.computeIfPresent(trigger, (id, record) -> new Record(record.last(), 0, Optional.empty()));
            return;
        }
        Instant now = clock.instant();
        Failure failure = new Failure(now, status(exchange), message(exchange, verdict), url);
        records.merge(
                trigger,
                new Record(failure, 1, Optional.of(now)),
                (before, first) -> new Record(
                        failure,
                        before.sinceDelivered() + 1,
                        Optional.of(before.firstSinceDelivered().orElse(now))));
    }

    void clear(ResourceId trigger) {
        records.remove(trigger);
    }

    /** The trigger's failures, empty when none of its attempts has failed. */
    public Optional<Record> of(ResourceId trigger) {
        return Optional.ofNullable(records.get(trigger));
    }

    private static OptionalInt status(Exchange exchange) {
        return exchange instanceof Exchange.Answered answer ? OptionalInt.of(answer.status()) : OptionalInt.empty();
    }

    /** The verdict's reason when it gave up; else what came back, with the start of a failing answer's body. */
    static String message(Exchange exchange, Verdict verdict) {
        if (verdict instanceof Verdict.GiveUp giveUp) {
            return withBody(giveUp.reason(), exchange);
        }
        if (exchange instanceof Exchange.Answered answer) {
            return withBody("status " + answer.status(), exchange);
        }
        if (exchange instanceof Exchange.Refused refused) {
            return refused.reason();
        }
        AttemptResult result = exchange.result();
        if (result instanceof AttemptResult.TransportError error) {
            return error.message();
        }
        return "no answer within the attempt timeout";
    }

    private static String withBody(String reason, Exchange exchange) {
        if (!(exchange instanceof Exchange.Answered answer) || answer.body().length == 0) {
            return reason;
        }
        String body = new String(answer.body(), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}+", " ")
                .strip();
        if (body.isEmpty()) {
            return reason;
        }
        return reason + ": " + (body.length() > QUOTED_BODY_CHARS ? body.substring(0, QUOTED_BODY_CHARS) + "…" : body);
    }
}
