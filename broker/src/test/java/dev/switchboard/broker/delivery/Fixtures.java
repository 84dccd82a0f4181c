package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import dev.switchboard.triggers.model.EgressAuthRef;
import dev.switchboard.triggers.model.ReplyMode;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.TriggerOptions;
import dev.switchboard.triggers.policy.DeliveryPolicy;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** Canonical events, policies and targets shared by the delivery tests. */
final class Fixtures {
    static final ResourceId TRIGGER = new ResourceId("shop", "billing");
    static final ResourceId BROKER = new ResourceId("shop", "default");
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private Fixtures() {}

    /** An event whose attributes need percent-encoding and whose data is not valid UTF-8. */
    static CloudEvent event() {
        return CloudEventBuilder.v1()
                .withId("order-1")
                .withSource(URI.create("/shop/orders"))
                .withType("com.example.order.placed")
                .withSubject("café \"special\" 100%")
                .withTime(OffsetDateTime.parse("2024-05-06T07:08:09.123Z"))
                .withDataContentType("application/octet-stream")
                .withExtension("region", "eu west")
                .withData(new byte[] {0, 1, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 10})
                .build();
    }

    static CloudEvent jsonEvent() {
        return CloudEventBuilder.v1()
                .withId("order-2")
                .withSource(URI.create("/shop/orders"))
                .withType("com.example.order.placed")
                .withDataContentType("application/json")
                .withData("{\"total\":42}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    static InboundEvent inbound(CloudEvent event) {
        return new InboundEvent(
                event, "switchboard.shop.default", 2, 41L, 1_700_000_000_000L, Map.of("traceparent", TRACEPARENT));
    }

    static DeliveryPolicy policy(int retry, Duration timeout) {
        return policy(retry, timeout, DeliveryFormat.BINARY);
    }

    static DeliveryPolicy policy(int retry, Duration timeout, DeliveryFormat format) {
        return new DeliveryPolicy(
                retry,
                BackoffPolicy.LINEAR,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                timeout,
                Duration.ofSeconds(10),
                format,
                Optional.empty());
    }

    static DeliveryTarget target(URI subscriber, Optional<URI> sink, DeliveryPolicy policy) {
        return target(subscriber, sink, policy, ReplyMode.PUBLISH, "switchboard.shop.default");
    }

    static DeliveryTarget target(
            URI subscriber, Optional<URI> sink, DeliveryPolicy policy, ReplyMode reply, String brokerTopic) {
        return target(subscriber, sink, policy, reply, brokerTopic, Optional.empty());
    }

    /** A target whose trigger trusts {@code caBundle} ({@code switchboard.dev/ca-bundle}) on top of the JVM. */
    static DeliveryTarget target(URI subscriber, Optional<URI> sink, DeliveryPolicy policy, Optional<Path> caBundle) {
        return target(subscriber, sink, policy, ReplyMode.DISCARD, "switchboard.shop.default", caBundle);
    }

    /** A target whose subscriber and sink get the credentials of those {@code egressAuth} entries (docs/security.md). */
    static DeliveryTarget target(
            URI subscriber,
            Optional<URI> sink,
            DeliveryPolicy policy,
            Optional<EgressAuthRef> subscriberAuth,
            Optional<EgressAuthRef> sinkAuth) {
        DeliveryTarget plain = target(subscriber, sink, policy, ReplyMode.DISCARD, "switchboard.shop.default");
        return new DeliveryTarget(
                plain.trigger(),
                plain.broker(),
                subscriber,
                sink,
                policy,
                plain.options().withAuth(subscriberAuth, sinkAuth),
                plain.brokerTopic(),
                plain.deadLetterTopic());
    }

    private static DeliveryTarget target(
            URI subscriber,
            Optional<URI> sink,
            DeliveryPolicy policy,
            ReplyMode reply,
            String brokerTopic,
            Optional<Path> caBundle) {
        TriggerOptions defaults = TriggerOptions.defaults();
        TriggerOptions options = new TriggerOptions(
                defaults.order(),
                defaults.maxInFlight(),
                defaults.rateLimit(),
                defaults.startFrom(),
                defaults.paused(),
                reply,
                defaults.backoffMax(),
                caBundle);
        return new DeliveryTarget(
                TRIGGER, BROKER, subscriber, sink, policy, options, brokerTopic, brokerTopic + ".dlq");
    }
}
