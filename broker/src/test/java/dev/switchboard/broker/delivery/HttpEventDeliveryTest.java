package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.event;
import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.broker.telemetry.MetricNames;
import io.vertx.core.Future;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, dead-letter sinks and abandonment against real HTTP receivers; the log is in memory here. */
class HttpEventDeliveryTest {
    @RegisterExtension
    static final InMemoryDelivery setup = new InMemoryDelivery(7);

    @Test
    void deliversOnTheThirdAttemptAfterTwo500s() throws Exception {
        try (ScriptedReceiver subscriber =
                new ScriptedReceiver(setup.vertx(), Answer.of(500), Answer.of(500), Answer.of(200))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.empty(), policy(3, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement).isEqualTo(new Settlement.Delivered(3));
            assertThat(subscriber.received()).hasSize(3);
            assertThat(attempts("retry")).isEqualTo(2);
            assertThat(attempts("delivered")).isEqualTo(1);
            assertThat(attempts("failed")).isZero();
            assertThat(setup.registry()
                            .get(MetricNames.DISPATCH_DURATION)
                            .tag(MetricNames.TAG_HTTP_RESPONSE_STATUS_CODE, "500")
                            .tag(MetricNames.TAG_KN_TRIGGER_NAME, "billing")
                            .tag(MetricNames.TAG_KN_BROKER_NAME, "default")
                            .tag(MetricNames.TAG_KN_BROKER_NAMESPACE, "shop")
                            .timer()
                            .count())
                    .isEqualTo(2);
        }
    }

    @Test
    void lastFailureKeepsTheLastFailedAttemptAfterTheSubscriberTakesTheEvent() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(
                setup.vertx(), Answer.of(503, "overloaded"), Answer.of(500, "{\"error\":\"boom\"}"), Answer.of(200))) {
            DeliveryFailures failures = setup.delivery().failures();
            settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri("/orders"), Optional.empty(), policy(3, Duration.ofSeconds(5))),
                            inbound(event())));

            DeliveryFailures.Record record = failures.of(Fixtures.TRIGGER).orElseThrow();
            assertThat(record.last().status()).hasValue(500);
            assertThat(record.last().message()).isEqualTo("status 500: {\"error\":\"boom\"}");
            assertThat(record.last().url()).isEqualTo(subscriber.uri("/orders"));
            assertThat(record.sinceDelivered()).as("reset by the delivery").isZero();
            assertThat(record.firstSinceDelivered()).isEmpty();
        }
    }

    @Test
    void waitsAsLongAsRetryAfterAsksOn429() throws Exception {
        try (ScriptedReceiver subscriber =
                new ScriptedReceiver(setup.vertx(), Answer.of(429).with("Retry-After", "2"), Answer.of(200))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.empty(), policy(2, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement).isEqualTo(new Settlement.Delivered(2));
            long gapMillis =
                    TimeUnit.NANOSECONDS.toMillis(subscriber.received().get(1).atNanos()
                            - subscriber.received().get(0).atNanos());
            assertThat(gapMillis).isGreaterThanOrEqualTo(1_990).isLessThan(5_000);
        }
    }

    @Test
    void deadLettersA400ToTheSinkAtOnceWithTheKnativeExtensions() throws Exception {
        try (ScriptedReceiver subscriber =
                        new ScriptedReceiver(setup.vertx(), Answer.of(400, "{\"error\":\"no such sku\"}"));
                ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(202))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(
                                    subscriber.uri("/orders"),
                                    Optional.of(sink.uri()),
                                    policy(5, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
            assertThat(((Settlement.DeadLetteredToSink) settlement).attempts()).isEqualTo(1);
            assertThat(subscriber.received()).hasSize(1);
            assertThat(sink.received()).hasSize(1);
            ScriptedReceiver.Received dead = sink.received().get(0);
            assertThat(dead.headers().get("ce-knativeerrorcode")).isEqualTo("400");
            assertThat(dead.headers().get("ce-knativeerrordest"))
                    .isEqualTo(subscriber.uri("/orders").toString());
            assertThat(new String(
                            Base64.getDecoder().decode(dead.headers().get("ce-knativeerrordata")),
                            StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"no such sku\"}");
            assertThat(dead.headers().get("ce-id")).isEqualTo("order-1");
            assertThat(dead.body()).isEqualTo(event().getData().toBytes());
            assertThat(dead.headers().contains("Prefer")).isFalse();
            assertThat(attempts("failed")).isEqualTo(1);
            assertThat(deadLetters("sink")).isEqualTo(1);
        }
    }

    @Test
    void neverFollowsARedirectAndDeadLettersIt() throws Exception {
        try (ScriptedReceiver elsewhere = new ScriptedReceiver(setup.vertx(), Answer.of(200));
                ScriptedReceiver subscriber = new ScriptedReceiver(
                        setup.vertx(),
                        Answer.of(302).with("Location", elsewhere.uri().toString()));
                ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(200))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.of(sink.uri()), policy(5, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
            assertThat(elsewhere.received()).isEmpty();
            assertThat(subscriber.received()).hasSize(1);
            assertThat(sink.received().get(0).headers().get("ce-knativeerrorcode"))
                    .isEqualTo("302");
        }
    }

    @Test
    void retriesARefusedConnectionThenDeadLettersWithoutAnErrorCode() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + unusedPort() + "/");
        try (ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(200))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(nobody, Optional.of(sink.uri()), policy(2, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement)
                    .isEqualTo(new Settlement.DeadLetteredToSink(
                            3, ((Settlement.DeadLetteredToSink) settlement).reason()));
            assertThat(((Settlement.DeadLetteredToSink) settlement).reason()).contains("transport error");
            ScriptedReceiver.Received dead = sink.received().get(0);
            assertThat(dead.headers().contains("ce-knativeerrorcode")).isFalse();
            assertThat(dead.headers().contains("ce-knativeerrordata")).isFalse();
            assertThat(dead.headers().get("ce-knativeerrordest")).isEqualTo(nobody.toString());
            assertThat(attempts("retry")).isEqualTo(2);
            assertThat(attempts("failed")).isEqualTo(1);
            DeliveryFailures.Record record =
                    setup.delivery().failures().of(Fixtures.TRIGGER).orElseThrow();
            assertThat(record.last().status()).as("no answer, no status").isEmpty();
            assertThat(record.last().message()).contains("transport error");
            assertThat(record.sinceDelivered()).isEqualTo(3);
        }
    }

    @Test
    void retriesATimeoutThenDeadLettersWithoutAnErrorCode() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), Answer.silence());
                ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(200))) {
            long started = System.nanoTime();
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.of(sink.uri()), policy(1, Duration.ofMillis(300))),
                            inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
            assertThat(((Settlement.DeadLetteredToSink) settlement).reason()).contains("timed out");
            assertThat(subscriber.received()).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(sink.received().get(0).headers().contains("ce-knativeerrorcode"))
                    .isFalse();
        }
    }

    @Test
    void parksInTheTopicWhenTheSinkFailsItsOwnRetries() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), Answer.of(503));
                ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(500))) {
            Settlement settlement = settle(setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.of(sink.uri()), policy(1, Duration.ofSeconds(5))),
                            inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            assertThat(sink.received()).hasSize(2);
            RecordingAppender.Appended parked = setup.log().appended().get(0);
            assertThat(parked.topic()).isEqualTo("switchboard.shop.default.dlq");
            assertThat(parked.event().getExtension("knativeerrorcode")).isEqualTo("503");
            assertThat(parked.headers())
                    .containsEntry(ParkedEventHeaders.TRIGGER, "shop/billing")
                    .containsEntry(ParkedEventHeaders.ATTEMPTS, "2")
                    .containsEntry(ParkedEventHeaders.ORIGIN_TOPIC, "switchboard.shop.default")
                    .containsEntry(ParkedEventHeaders.ORIGIN_PARTITION, "2")
                    .containsEntry(ParkedEventHeaders.ORIGIN_OFFSET, "41")
                    .containsEntry("traceparent", Fixtures.TRACEPARENT);
            assertThat(parked.headers().get(ParkedEventHeaders.REASON)).contains("status 503", "dead-letter sink");
            assertThat(deadLetters("topic")).isEqualTo(1);
            assertThat(deadLetters("sink")).isZero();
        }
    }

    @Test
    void keepsWritingTheDeadLetterUntilTheLogTakesIt() throws Exception {
        RecordingAppender flaky = new RecordingAppender(3);
        HttpEventDelivery stubborn = HttpEventDelivery.create(
                setup.vertx(), flaky, setup.registry(), Clock.systemUTC(), new SplittableRandom(7));
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), Answer.of(410))) {
            Settlement settlement = settle(stubborn.deliver(
                    target(subscriber.uri(), Optional.empty(), policy(0, Duration.ofSeconds(5))), inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            assertThat(flaky.tries()).isEqualTo(4);
            assertThat(flaky.appended()).hasSize(1);
        } finally {
            stubborn.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void releasingATriggerAbandonsItsDeliveriesAndClosesItsPools() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), Answer.silence())) {
            Future<Settlement> pending = setup.delivery()
                    .deliver(
                            target(subscriber.uri(), Optional.empty(), policy(0, Duration.ofSeconds(60))),
                            inbound(event()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> subscriber.received().size() == 1);
            assertThat(setup.delivery().openPools()).isEqualTo(1);

            setup.delivery().release(Fixtures.TRIGGER).await(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(pending::isComplete);
            assertThat(pending.cause()).isInstanceOf(DeliveryAbandonedException.class);
            assertThat(setup.delivery().openPools()).isZero();
            assertThat(setup.log().appended()).isEmpty();
        }
    }

    @Test
    void closingAbandonsADeadLetterStillWaitingForKafka() throws Exception {
        RecordingAppender down = new RecordingAppender(Integer.MAX_VALUE);
        HttpEventDelivery stubborn = HttpEventDelivery.create(
                setup.vertx(), down, setup.registry(), Clock.systemUTC(), new SplittableRandom(7));
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), Answer.of(400))) {
            Future<Settlement> pending = stubborn.deliver(
                    target(subscriber.uri(), Optional.empty(), policy(0, Duration.ofSeconds(5))), inbound(event()));
            await().atMost(Duration.ofSeconds(10)).until(() -> down.tries() >= 2);
            assertThat(pending.isComplete()).isFalse();

            stubborn.close().await(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(pending::isComplete);
            assertThat(pending.cause()).isInstanceOf(DeliveryAbandonedException.class);
            int triesAtClose = down.tries();
            assertThat(deadLetters("topic")).isZero();
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> down.tries() == triesAtClose);
        }
    }

    @Test
    void waitsBetweenRetriesOnTimersSoOtherDeliveriesProceed() throws Exception {
        try (ScriptedReceiver slow =
                        new ScriptedReceiver(setup.vertx(), Answer.of(503).with("Retry-After", "3"));
                ScriptedReceiver fast = new ScriptedReceiver(setup.vertx(), Answer.of(200))) {
            Future<Settlement> held = setup.delivery()
                    .deliver(target(slow.uri(), Optional.empty(), policy(1, Duration.ofSeconds(5))), inbound(event()));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.received().size() == 1);

            Settlement quick = settle(setup.delivery()
                    .deliver(target(fast.uri(), Optional.empty(), policy(1, Duration.ofSeconds(5))), inbound(event())));

            assertThat(quick).isEqualTo(new Settlement.Delivered(1));
            assertThat(held.isComplete()).as("still waiting out Retry-After").isFalse();
            assertThat(settle(held)).isInstanceOf(Settlement.ParkedInTopic.class);
        }
    }

    private double attempts(String outcome) {
        var counter = setup.registry()
                .find(MetricNames.DELIVERY_ATTEMPTS)
                .tag(MetricNames.TAG_NAMESPACE, "shop")
                .tag(MetricNames.TAG_TRIGGER, "billing")
                .tag(MetricNames.TAG_OUTCOME, outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLetters(String destination) {
        var counter = setup.registry()
                .find(MetricNames.DEAD_LETTERS)
                .tag(MetricNames.TAG_DESTINATION, destination)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static Settlement settle(Future<Settlement> settlement) throws Exception {
        return settlement.await(30, TimeUnit.SECONDS);
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
