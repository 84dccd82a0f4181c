package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/delivery.md "Outcome by status" through a real server: with {@code retry: 1}, a retried status is tried twice, a
 * delivered or dead-lettered one once.
 */
class StatusOutcomeTest {
    private static Vertx vertx;
    private static HttpEventDelivery delivery;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        delivery = HttpEventDelivery.create(
                vertx, new RecordingAppender(), new SimpleMeterRegistry(), Clock.systemUTC(), new SplittableRandom(3));
    }

    @AfterAll
    static void stop() throws Exception {
        delivery.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "200, delivered,      1",
        "201, delivered,      1",
        "202, delivered,      1",
        "204, delivered,      1",
        "404, retried,        2",
        "408, retried,        2",
        "409, retried,        2",
        "429, retried,        2",
        "500, retried,        2",
        "503, retried,        2",
        "400, dead-lettered,  1",
        "401, dead-lettered,  1",
        "403, dead-lettered,  1",
        "410, dead-lettered,  1",
        "301, dead-lettered,  1",
        "302, dead-lettered,  1",
    })
    void settlesEachStatusAsTheSpecSays(int status, String expected, int requests) throws Exception {
        Answer answer =
                status / 100 == 3 ? Answer.of(status).with("Location", "http://127.0.0.1:1/") : Answer.of(status);
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, answer)) {
            Settlement settlement = delivery.deliver(
                            target(subscriber.uri(), Optional.empty(), policy(1, Duration.ofSeconds(5))),
                            inbound(Fixtures.event()))
                    .await(30, TimeUnit.SECONDS);

            assertThat(subscriber.received()).hasSize(requests);
            if (expected.equals("delivered")) {
                assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            } else {
                assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
                assertThat(((Settlement.ParkedInTopic) settlement).attempts()).isEqualTo(requests);
            }
        }
    }
}
