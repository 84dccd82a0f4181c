package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.event;
import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.delivery.ScriptedReceiver.Answer;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.broker.testing.TestCertificates;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound TLS (docs/security.md) against a real Vert.x HTTPS subscriber whose certificate (for 127.0.0.1 and localhost)
 * is signed by a CA the JVM does not trust: without {@code switchboard.dev/ca-bundle} every attempt fails the
 * handshake and the event is dead-lettered, never reaching the subscriber's handler; with the trigger's CA bundle
 * it is delivered; a name the certificate does not carry is refused even with the bundle; a bundle that is
 * missing or is not PEM fails the attempts with a reason naming the file and never its contents.
 */
class TlsDeliveryTest {
    private static final String CANARY = "canary-ca-bundle-9f41d07be2c35a18";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Path caBundle;
    private static HttpServerOptions tls;

    private SimpleMeterRegistry registry;
    private HttpEventDelivery delivery;
    private ScriptedReceiver subscriber;
    private ScriptedReceiver sink;

    @BeforeAll
    static void start() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 other-name.test\n");
        vertx = Vertx.vertx(new VertxOptions()
                .setAddressResolverOptions(new AddressResolverOptions().setHostsPath(hosts.toString())));
        TestCertificates.Issued ca = TestCertificates.authority("subscriber-ca");
        Path cert = dir.resolve("subscriber.crt");
        Path key = dir.resolve("subscriber.key");
        TestCertificates.leaf(ca, "subscriber").writePem(cert, key);
        caBundle = dir.resolve("subscriber-ca.pem");
        Files.writeString(caBundle, TestCertificates.pem(ca.certificate()));
        tls = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(
                        new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startReceivers() throws Exception {
        registry = new SimpleMeterRegistry();
        delivery = HttpEventDelivery.create(
                vertx, new RecordingAppender(), registry, Clock.systemUTC(), new SplittableRandom(5));
        subscriber = new ScriptedReceiver(vertx, tls, Answer.of(202));
        sink = new ScriptedReceiver(vertx, Answer.of(202));
    }

    @AfterEach
    void stopReceivers() throws Exception {
        delivery.close().await(10, TimeUnit.SECONDS);
        subscriber.close();
        sink.close();
    }

    @Test
    void deadLettersAfterRetriesWhenTheSubscribersCaIsNotTrusted() throws Exception {
        Settlement settlement = deliver(subscriber.uri("/hook"), Optional.empty());

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        Settlement.DeadLetteredToSink dead = (Settlement.DeadLetteredToSink) settlement;
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.reason())
                .contains("transport error", "SSLHandshakeException", "unable to find valid certification path");
        assertThat(subscriber.received())
                .as("the handshake fails before any request")
                .isEmpty();
        assertThat(sink.received()).hasSize(1);
        assertThat(sink.received().get(0).headers().get("ce-knativeerrordest"))
                .isEqualTo(subscriber.uri("/hook").toString());
    }

    @Test
    void deliversWhenTheTriggersCaBundleTrustsTheSubscriber() throws Exception {
        Settlement settlement = deliver(subscriber.uri("/hook"), Optional.of(caBundle));

        assertThat(settlement).isEqualTo(new Settlement.Delivered(1));
        assertThat(subscriber.received()).hasSize(1);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void refusesASubscriberWhoseCertificateDoesNotNameTheHostEvenWithTheBundle() throws Exception {
        int port = subscriber.uri().getPort();
        URI mismatched = URI.create("https://other-name.test:" + port + "/hook");

        Settlement settlement = deliver(mismatched, Optional.of(caBundle));

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        assertThat(((Settlement.DeadLetteredToSink) settlement).reason())
                .contains("SSLHandshakeException", "other-name.test");
        assertThat(subscriber.received()).isEmpty();
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void failsTheAttemptsWithTheFilesProblemWhenTheBundleIsMissing() throws Exception {
        Path missing = dir.resolve("no-such-ca.pem");

        Settlement settlement = deliver(subscriber.uri("/hook"), Optional.of(missing));

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        assertThat(((Settlement.DeadLetteredToSink) settlement).reason())
                .contains("ca-bundle " + missing + " does not exist");
        assertThat(subscriber.received()).isEmpty();
        assertThat(CaBundleTrust.problem(missing)).hasValue("ca-bundle " + missing + " does not exist");
        assertThat(CaBundleTrust.problem(caBundle)).isEmpty();
    }

    @Test
    void neverShowsTheContentsOfABundleThatIsNotPem() throws Exception {
        Path notPem = dir.resolve("token-by-mistake.pem");
        Files.writeString(notPem, "-----BEGIN CERTIFICATE-----\n" + CANARY + "\n-----END CERTIFICATE-----\n");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Settlement settlement = deliver(subscriber.uri("/hook"), Optional.of(notPem));

            String reason = ((Settlement.DeadLetteredToSink) settlement).reason();
            assertThat(reason).contains("ca-bundle " + notPem).doesNotContain(CANARY);
            assertThat(CaBundleTrust.problem(notPem)).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("is not a PEM file of certificates")
                    .doesNotContain(CANARY));
            assertThat(logs.containing(CANARY)).isEmpty();
            assertThat(sink.received()).hasSize(1);
            sink.received().get(0).headers().forEach(header -> assertThat(header.getValue())
                    .doesNotContain(CANARY));
            assertThat(new String(sink.received().get(0).body(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain(CANARY);
            for (Meter meter : registry.getMeters()) {
                assertThat(meter.getId().toString()).doesNotContain(CANARY);
            }
        }
    }

    private Settlement deliver(URI url, Optional<Path> bundle) throws Exception {
        return HttpEventDeliveryTest.settle(delivery.deliver(
                target(url, Optional.of(sink.uri("/dead")), policy(2, Duration.ofSeconds(5)), bundle),
                inbound(event())));
    }
}
