package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ReplyMode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/delivery.md "Reply" decisions that need no Kafka: the loop guard, discard mode, malformed replies and answers that
 * carry no event. Publishing into a real broker topic is {@link DeliveryKafkaIT}.
 */
class ReplyHandlingTest {
    private static final String BROKER_TOPIC = "switchboard.shop.default";

    @RegisterExtension
    static final InMemoryDelivery setup = new InMemoryDelivery(5);

    @Test
    void doesNotPublishAReplyWhoseTtlWouldReachZeroAndCountsIt() throws Exception {
        CloudEvent lastHop = CloudEventBuilder.v1(Fixtures.jsonEvent())
                .withExtension("knativebrokerttl", "1")
                .build();
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), binaryReply())) {
            Settlement settlement = deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, lastHop);

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            assertThat(setup.log().appended()).isEmpty();
            assertThat(replies("ttl_exhausted")).isEqualTo(1);
            assertThat(replies("published")).isZero();
        }
    }

    @Test
    void publishesWithTheTtlOneBelowTheTriggeringEvents() throws Exception {
        CloudEvent hop = CloudEventBuilder.v1(Fixtures.jsonEvent())
                .withExtension("knativebrokerttl", "2")
                .build();
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), binaryReply())) {
            deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, hop);

            assertThat(setup.log().appended()).hasSize(1);
            assertThat(setup.log().appended().get(0).topic()).isEqualTo(BROKER_TOPIC);
            assertThat(setup.log().appended().get(0).event().getExtension("knativebrokerttl"))
                    .isEqualTo(1);
            assertThat(setup.log().appended().get(0).headers()).containsEntry("traceparent", Fixtures.TRACEPARENT);
            assertThat(replies("published")).isEqualTo(1);
        }
    }

    @Test
    void discardsRepliesWhenTheTriggerSaysSo() throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), binaryReply())) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.empty(), ReplyMode.DISCARD, Fixtures.jsonEvent());

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            assertThat(setup.log().appended()).isEmpty();
            assertThat(replies("discarded")).isEqualTo(1);
        }
    }

    @Test
    void treatsAMalformedReplyAsAFailedDelivery() throws Exception {
        Answer malformed = Answer.of(200, "{}")
                .with("ce-specversion", "1.0")
                .with("ce-type", "com.example.reply")
                .with("Content-Type", "application/json");
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), malformed);
                ScriptedReceiver sink = new ScriptedReceiver(setup.vertx(), Answer.of(200))) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.of(sink.uri()), ReplyMode.PUBLISH, Fixtures.jsonEvent());

            assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
            assertThat(((Settlement.DeadLetteredToSink) settlement).reason()).contains("invalid reply", "id");
            assertThat(sink.received().get(0).headers().get("ce-knativeerrorcode"))
                    .isEqualTo("200");
            assertThat(setup.log().appended()).isEmpty();
            assertThat(replies("invalid")).isEqualTo(1);
            assertThat(setup.registry()
                            .get(MetricNames.DELIVERY_ATTEMPTS)
                            .tag(MetricNames.TAG_OUTCOME, "failed")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void treatsAStructuredReplyOfAnotherFormatAsMalformed() throws Exception {
        Answer avro = Answer.of(200, "binary").with("Content-Type", "application/cloudevents+avro");
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), avro)) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, Fixtures.jsonEvent());

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            assertThat(replies("invalid")).isEqualTo(1);
        }
    }

    @Test
    void aPlainBodyIsNoReply() throws Exception {
        Answer plain = Answer.of(200, "{\"ok\":true}").with("Content-Type", "application/json");
        try (ScriptedReceiver subscriber = new ScriptedReceiver(setup.vertx(), plain)) {
            Settlement settlement =
                    deliver(subscriber.uri(), Optional.empty(), ReplyMode.PUBLISH, Fixtures.jsonEvent());

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            assertThat(setup.log().appended()).isEmpty();
            assertThat(setup.registry().find(MetricNames.REPLIES).counters()).isEmpty();
        }
    }

    private Settlement deliver(URI subscriber, Optional<URI> sink, ReplyMode mode, CloudEvent event) throws Exception {
        return setup.delivery()
                .deliver(target(subscriber, sink, policy(0, Duration.ofSeconds(5)), mode, BROKER_TOPIC), inbound(event))
                .await(30, TimeUnit.SECONDS);
    }

    private double replies(String result) {
        Counter counter = setup.registry()
                .find(MetricNames.REPLIES)
                .tag(MetricNames.TAG_NAMESPACE, "shop")
                .tag(MetricNames.TAG_TRIGGER, "billing")
                .tag(MetricNames.TAG_RESULT, result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static Answer binaryReply() {
        return Answer.of(200, "{\"invoice\":7}")
                .with("ce-specversion", "1.0")
                .with("ce-id", "reply-1")
                .with("ce-source", "/billing")
                .with("ce-type", "com.example.invoice.created")
                .with("Content-Type", "application/json");
    }
}
