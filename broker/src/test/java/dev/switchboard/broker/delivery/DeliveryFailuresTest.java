package dev.switchboard.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.policy.AttemptResult;
import dev.switchboard.triggers.policy.Verdict;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code status.lastFailure} says for each kind of failed attempt, and how the count since delivery moves. */
class DeliveryFailuresTest {
    private static final ResourceId TRIGGER = new ResourceId("team", "orders");
    private static final URI URL = URI.create("http://127.0.0.1:8081/orders");
    private static final Verdict RETRY = new Verdict.Retry(Duration.ofSeconds(1));

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private final DeliveryFailures failures = new DeliveryFailures(now::get);

    private static Exchange answered(int status, String body) {
        return new Exchange.Answered(
                status, MultiMap.caseInsensitiveMultiMap(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                Arguments.of(
                        "503 with a body",
                        answered(503, "overloaded\n"),
                        RETRY,
                        OptionalInt.of(503),
                        "status 503: overloaded"),
                Arguments.of("500 without a body", answered(500, ""), RETRY, OptionalInt.of(500), "status 500"),
                Arguments.of(
                        "long body is cut",
                        answered(502, "x".repeat(500)),
                        RETRY,
                        OptionalInt.of(502),
                        "status 502: " + "x".repeat(DeliveryFailures.QUOTED_BODY_CHARS) + "…"),
                Arguments.of(
                        "given up: the verdict's reason",
                        answered(400, "no such sku"),
                        new Verdict.GiveUp("status 400 is not retryable", OptionalInt.of(400)),
                        OptionalInt.of(400),
                        "status 400 is not retryable: no such sku"),
                Arguments.of(
                        "connection refused",
                        new Exchange.Unanswered(
                                new AttemptResult.TransportError("transport error: Connection refused")),
                        RETRY,
                        OptionalInt.empty(),
                        "transport error: Connection refused"),
                Arguments.of(
                        "timeout",
                        new Exchange.Unanswered(new AttemptResult.Timeout()),
                        RETRY,
                        OptionalInt.empty(),
                        "no answer within the attempt timeout"),
                Arguments.of(
                        "egress refused",
                        new Exchange.Refused("resolves to 169.254.169.254"),
                        new Verdict.GiveUp("resolves to 169.254.169.254", OptionalInt.empty()),
                        OptionalInt.empty(),
                        "resolves to 169.254.169.254"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void recordsStatusAndMessageOfTheFailedAttempt(
            String name, Exchange exchange, Verdict verdict, OptionalInt status, String message) {
        failures.attempted(TRIGGER, URL, exchange, verdict);

        DeliveryFailures.Failure last = failures.of(TRIGGER).orElseThrow().last();
        assertThat(last.status()).isEqualTo(status);
        assertThat(last.message()).isEqualTo(message);
        assertThat(last.time()).isEqualTo(now.get());
        assertThat(last.url()).isEqualTo(URL);
    }

    @Test
    void countsFailuresSinceTheLastDeliveryAndKeepsTheLastFailureAfterIt() {
        Instant first = now.get();
        failures.attempted(TRIGGER, URL, answered(503, ""), RETRY);
        now.set(first.plusSeconds(5));
        failures.attempted(TRIGGER, URL, answered(500, ""), RETRY);

        DeliveryFailures.Record failing = failures.of(TRIGGER).orElseThrow();
        assertThat(failing.sinceDelivered()).isEqualTo(2);
        assertThat(failing.firstSinceDelivered()).hasValue(first);
        assertThat(failing.last().time()).isEqualTo(first.plusSeconds(5));

        failures.attempted(TRIGGER, URL, answered(200, ""), new Verdict.Delivered());

        DeliveryFailures.Record recovered = failures.of(TRIGGER).orElseThrow();
        assertThat(recovered.sinceDelivered()).isZero();
        assertThat(recovered.firstSinceDelivered()).isEmpty();
        assertThat(recovered.last().status()).hasValue(500);
    }

    @Test
    void noRecordUntilAnAttemptFailsAndNoneAfterRelease() {
        failures.attempted(TRIGGER, URL, answered(200, ""), new Verdict.Delivered());
        assertThat(failures.of(TRIGGER)).isEmpty();

        failures.attempted(TRIGGER, URL, answered(503, ""), RETRY);
        failures.clear(TRIGGER);

        assertThat(failures.of(TRIGGER)).isEmpty();
    }
}
