package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.codec.ReadResult;
import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.triggers.model.DeliveryFormat;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a subscriber receives (docs/delivery.md "Request"), checked on a real HTTP server. */
class RequestShapeTest {
    private static Vertx vertx;
    private static HttpEventDelivery delivery;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        delivery = HttpEventDelivery.create(
                vertx, new RecordingAppender(), new SimpleMeterRegistry(), Clock.systemUTC(), new SplittableRandom(1));
    }

    @AfterAll
    static void stop() throws Exception {
        delivery.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void sendsBinaryModeWithPercentEncodedHeadersAndTheDataUnchanged() throws Exception {
        CloudEvent event = Fixtures.event();
        ScriptedReceiver.Received request = deliverOnce(event, DeliveryFormat.BINARY);

        assertThat(request.headers().get("ce-specversion")).isEqualTo("1.0");
        assertThat(request.headers().get("ce-id")).isEqualTo("order-1");
        assertThat(request.headers().get("ce-source")).isEqualTo("/shop/orders");
        assertThat(request.headers().get("ce-type")).isEqualTo("com.example.order.placed");
        assertThat(request.headers().get("ce-subject")).isEqualTo("caf%C3%A9%20%22special%22%20100%25");
        assertThat(request.headers().get("ce-region")).isEqualTo("eu%20west");
        assertThat(request.headers().get("ce-time")).isEqualTo("2024-05-06T07:08:09.123Z");
        assertThat(request.headers().contains("ce-datacontenttype")).isFalse();
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(request.body()).isEqualTo(event.getData().toBytes());
        assertThat(request.headers().get("Prefer")).isEqualTo("reply");
        assertThat(request.headers().get("traceparent")).isEqualTo(Fixtures.TRACEPARENT);

        ReadResult readBack = new EventReader().read(request.headers(), request.body());
        assertThat(readBack.rejection()).isEmpty();
        assertThat(readBack.events()).containsExactly(event);
    }

    @Test
    void sendsStructuredJsonWhenTheFormatIsJson() throws Exception {
        CloudEvent event = Fixtures.jsonEvent();
        ScriptedReceiver.Received request = deliverOnce(event, DeliveryFormat.JSON);

        assertThat(request.headers().get("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(request.headers().names())
                .noneMatch(name -> name.toLowerCase().startsWith("ce-"));
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("\"data\":{\"total\":42}");
        assertThat(new EventReader().read(request.headers(), request.body()).events())
                .containsExactly(event);
        assertThat(request.headers().get("Prefer")).isEqualTo("reply");
        assertThat(request.headers().get("traceparent")).isEqualTo(Fixtures.TRACEPARENT);
    }

    @Test
    void carriesBinaryDataAsDataBase64InStructuredMode() throws Exception {
        CloudEvent event = Fixtures.event();
        ScriptedReceiver.Received request = deliverOnce(event, DeliveryFormat.JSON);

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("\"data_base64\"");
        assertThat(new JsonFormat().deserialize(request.body()).getData().toBytes())
                .isEqualTo(event.getData().toBytes());
    }

    @Test
    void sendsAnEventWithoutDataWithAnEmptyBodyAndNoContentType() throws Exception {
        CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.v1(Fixtures.jsonEvent())
                .withoutData()
                .withoutDataContentType()
                .build();
        ScriptedReceiver.Received request = deliverOnce(event, DeliveryFormat.BINARY);

        assertThat(request.body()).isEmpty();
        assertThat(request.headers().contains("Content-Type")).isFalse();
    }

    private static ScriptedReceiver.Received deliverOnce(CloudEvent event, DeliveryFormat format) throws Exception {
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, Answer.of(204))) {
            Settlement settlement = delivery.deliver(
                            target(subscriber.uri(), Optional.empty(), policy(0, Duration.ofSeconds(5), format)),
                            inbound(event))
                    .await(30, TimeUnit.SECONDS);
            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            assertThat(subscriber.received()).hasSize(1);
            return subscriber.received().get(0);
        }
    }
}
