package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.event;
import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.Cidr;
import dev.switchboard.broker.config.EgressConfig;
import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ReplyMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The egress guard in real deliveries (docs/security.md): names resolve through a hosts file the test writes (Vert.x
 * {@code AddressResolverOptions}), so a harmless-looking name that resolves to a metadata or link-local address
 * is refused at connect time, without a retry, and dead-lettered with the reason; the refusal is counted and
 * recorded for the trigger's condition. An allowed name is delivered to the address it resolved to, with its
 * Host header kept.
 */
class EgressDeliveryTest {
    @TempDir
    static Path dir;

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(
                hosts,
                String.join(
                        "\n",
                        "169.254.169.254 metadata.test",
                        "169.254.7.7 linklocal.test",
                        "127.0.0.1 ok.test",
                        "127.0.0.2 denied.test",
                        ""));
        vertx = Vertx.vertx(new VertxOptions()
                .setAddressResolverOptions(new AddressResolverOptions().setHostsPath(hosts.toString())));
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpEventDelivery delivery(
            SimpleMeterRegistry registry, RecordingAppender log, EgressRefusals refusals) {
        return HttpEventDelivery.create(
                vertx,
                log,
                registry,
                Clock.systemUTC(),
                new SplittableRandom(3),
                DeliveryEgress.of(vertx, new EgressConfig(List.of(), List.of(Cidr.parse("127.0.0.2"))), refusals));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "metadata.test",
                "linklocal.test",
                "169.254.169.254",
                "[fe80::1]",
                "[::ffff:169.254.169.254]",
                "denied.test"
            })
    void refusesTheSubscriberAtOnceAndDeadLettersWithTheReason(String host) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RecordingAppender log = new RecordingAppender();
        EgressRefusals refusals = new EgressRefusals(Clock.systemUTC());
        HttpEventDelivery delivery = delivery(registry, log, refusals);
        try (ScriptedReceiver sink = new ScriptedReceiver(vertx, Answer.of(202))) {
            URI subscriber = URI.create("http://" + host + ":8080/hook");

            Settlement settlement = HttpEventDeliveryTest.settle(delivery.deliver(
                    target(subscriber, Optional.of(sink.uri()), policy(5, Duration.ofSeconds(5))), inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
            Settlement.DeadLetteredToSink dead = (Settlement.DeadLetteredToSink) settlement;
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.reason()).startsWith("egress refused: " + host + " resolves to ");
            assertThat(sink.received()).hasSize(1);
            assertThat(sink.received().get(0).headers().get("ce-knativeerrordest"))
                    .isEqualTo(subscriber.toString());
            assertThat(registry.get(MetricNames.EGRESS_REFUSED)
                            .tag(MetricNames.TAG_NAMESPACE, "shop")
                            .tag(MetricNames.TAG_TRIGGER, "billing")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(refusals.of(Fixtures.TRIGGER)).hasValueSatisfying(refusal -> {
                assertThat(refusal.url()).isEqualTo(subscriber);
                assertThat(refusal.reason()).isEqualTo(dead.reason());
            });
        } finally {
            delivery.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void parksTheEventWhenTheSinkIsRefusedToo() throws Exception {
        RecordingAppender log = new RecordingAppender();
        HttpEventDelivery delivery = delivery(new SimpleMeterRegistry(), log, new EgressRefusals(Clock.systemUTC()));
        try {
            Settlement settlement = HttpEventDeliveryTest.settle(delivery.deliver(
                    target(
                            URI.create("http://metadata.test/latest/meta-data/"),
                            Optional.of(URI.create("http://linklocal.test/dead")),
                            policy(5, Duration.ofSeconds(5))),
                    inbound(event())));

            assertThat(settlement).isInstanceOf(Settlement.ParkedInTopic.class);
            assertThat(((Settlement.ParkedInTopic) settlement).reason())
                    .contains("metadata.test resolves to 169.254.169.254, a cloud metadata address")
                    .contains("linklocal.test resolves to 169.254.7.7, a link-local address");
            assertThat(log.appended()).hasSize(1);
        } finally {
            delivery.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliversToTheAddressTheNameResolvedToKeepingTheHostHeaderAndClearsTheRefusal() throws Exception {
        EgressRefusals refusals = new EgressRefusals(Clock.systemUTC());
        HttpEventDelivery delivery = delivery(new SimpleMeterRegistry(), new RecordingAppender(), refusals);
        try (ScriptedReceiver subscriber = new ScriptedReceiver(vertx, Answer.of(200))) {
            HttpEventDeliveryTest.settle(delivery.deliver(
                    target(
                            URI.create("http://metadata.test/"),
                            Optional.empty(),
                            policy(0, Duration.ofSeconds(5)),
                            ReplyMode.DISCARD,
                            "t"),
                    inbound(event())));
            assertThat(refusals.of(Fixtures.TRIGGER)).isPresent();

            int port = subscriber.uri().getPort();
            Settlement settlement = HttpEventDeliveryTest.settle(delivery.deliver(
                    target(
                            URI.create("http://ok.test:" + port + "/hook"),
                            Optional.empty(),
                            policy(0, Duration.ofSeconds(5)),
                            ReplyMode.DISCARD,
                            "t"),
                    inbound(event())));

            assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
            assertThat(subscriber.received()).hasSize(1);
            assertThat(subscriber.received().get(0).headers().get("Host")).isEqualTo("ok.test:" + port);
            assertThat(refusals.of(Fixtures.TRIGGER)).isEmpty();
        } finally {
            delivery.close().await(10, TimeUnit.SECONDS);
        }
    }
}
