package dev.switchboard.broker.delivery;

import static dev.switchboard.broker.delivery.Fixtures.event;
import static dev.switchboard.broker.delivery.Fixtures.inbound;
import static dev.switchboard.broker.delivery.Fixtures.policy;
import static dev.switchboard.broker.delivery.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.EgressAuth;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.triggers.model.EgressAuthRef;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriber credentials (docs/security.md) against real HTTP: a Vert.x token endpoint issuing signed JWTs with an expiry
 * ({@link TokenEndpoint}) and subscribers that check the {@code Authorization} header. Covers bearer and basic
 * secrets from files (re-read when they change), OAuth 2.0 client credentials (token reuse, renewal before expiry
 * on an injected clock, renewal after a 401 without spending a retry, a second 401 final, a token endpoint that is
 * down retried then dead-lettered), Knative's audience through the {@code default} entry, the dead-letter sink's
 * own credentials, and no secret or token in logs, meters, settlement reasons or dead letters.
 */
class SubscriberCredentialsTest {
    private static final String CLIENT_SECRET = "client-secret-canary-51c2";
    private static final String STATIC_TOKEN = "static-token-canary-8e7a";
    private static final String PASSWORD = "password-canary-0b3d";

    @TempDir
    Path dir;

    private Vertx vertx;
    private MutableClock clock;
    private SimpleMeterRegistry registry;
    private TokenEndpoint tokens;
    private EgressCredentials credentials;
    private HttpEventDelivery delivery;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
        registry = new SimpleMeterRegistry();
        tokens = TokenEndpoint.start(vertx, "switchboard", CLIENT_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        if (delivery != null) {
            delivery.close().await(10, TimeUnit.SECONDS);
        }
        if (credentials != null) {
            credentials.close();
        }
        tokens.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void bearerTokenComesFromItsFileAndFollowsItsChanges() throws Exception {
        Path tokenFile = secret("token", STATIC_TOKEN + "\n");
        start(Map.of("billing", new EgressAuth.Bearer(tokenFile)));
        Receiver subscriber = receiver(header -> true);

        assertThat(deliver(subscriber.uri(), EgressAuthRef.named("billing"))).isEqualTo(new Settlement.Delivered(1));
        Files.writeString(tokenFile, "rotated-" + STATIC_TOKEN + "\r\n");
        credentials.pollSecrets().await(10, TimeUnit.SECONDS);
        assertThat(deliver(subscriber.uri(), EgressAuthRef.named("billing"))).isEqualTo(new Settlement.Delivered(1));

        assertThat(subscriber.authorizations())
                .containsExactly("Bearer " + STATIC_TOKEN, "Bearer rotated-" + STATIC_TOKEN);
    }

    @Test
    void basicAuthSendsTheUsernameAndThePasswordFile() throws Exception {
        start(Map.of("legacy", new EgressAuth.Basic("switchboard", secret("password", PASSWORD + "\n"))));
        String expected = "Basic "
                + Base64.getEncoder().encodeToString(("switchboard:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Receiver subscriber = receiver(expected::equals);

        assertThat(deliver(subscriber.uri(), EgressAuthRef.named("legacy"))).isEqualTo(new Settlement.Delivered(1));
    }

    @Test
    void oauth2TokenIsReusedThenRenewedShortlyBeforeItExpires() throws Exception {
        startOAuth2(Optional.of("orders.write"), Optional.empty());
        Receiver subscriber = receiver(header -> tokens.accepts(header, Optional.empty()));

        for (int i = 0; i < 3; i++) {
            assertThat(deliver(subscriber.uri(), EgressAuthRef.named("oauth"))).isEqualTo(new Settlement.Delivered(1));
        }
        assertThat(tokens.grants()).hasSize(1);
        assertThat(tokens.grants().get(0)).containsEntry("scope", "orders.write");

        clock.advance(Duration.ofSeconds(47)); // 60 s token: renewed 12 s (a fifth) before it expires
        deliver(subscriber.uri(), EgressAuthRef.named("oauth"));
        assertThat(tokens.grants()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        deliver(subscriber.uri(), EgressAuthRef.named("oauth"));

        assertThat(tokens.grants()).hasSize(2);
        List<String> sent = subscriber.authorizations();
        assertThat(sent.subList(0, 4)).containsOnly("Bearer " + tokens.issued().get(0));
        assertThat(sent.get(4)).isEqualTo("Bearer " + tokens.issued().get(1));
    }

    @Test
    void a401FetchesANewTokenAndRepeatsTheAttemptOnceWithoutSpendingARetry() throws Exception {
        startOAuth2(Optional.empty(), Optional.empty());
        Receiver subscriber = receiver(header -> tokens.accepts(header, Optional.empty()));
        deliver(subscriber.uri(), EgressAuthRef.named("oauth"));
        tokens.revokeAll();

        Settlement settlement = delivery.deliver(
                        target(
                                subscriber.uri(),
                                Optional.empty(),
                                policy(0, Duration.ofSeconds(5)),
                                Optional.of(EgressAuthRef.named("oauth")),
                                Optional.empty()),
                        inbound(event()))
                .await(30, TimeUnit.SECONDS);

        assertThat(settlement).as("retry: 0, yet delivered").isEqualTo(new Settlement.Delivered(1));
        assertThat(tokens.grants()).hasSize(2);
        assertThat(subscriber.statuses()).containsExactly(202, 401, 202);
    }

    @Test
    void aSecond401IsFinal() throws Exception {
        startOAuth2(Optional.empty(), Optional.empty());
        Receiver subscriber = receiver(header -> false);
        Receiver sink = receiver(header -> true);

        Settlement settlement = delivery.deliver(
                        target(
                                subscriber.uri(),
                                Optional.of(sink.uri()),
                                policy(3, Duration.ofSeconds(5)),
                                Optional.of(EgressAuthRef.named("oauth")),
                                Optional.empty()),
                        inbound(event()))
                .await(30, TimeUnit.SECONDS);

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        assertThat(((Settlement.DeadLetteredToSink) settlement).attempts()).isEqualTo(1);
        assertThat(subscriber.statuses()).containsExactly(401, 401);
        assertThat(tokens.grants()).hasSize(2);
        assertThat(sink.authorizations()).as("the sink names no credentials").containsExactly((String) null);
    }

    @Test
    void aTokenEndpointThatIsDownIsRetriedThenDeadLettered() throws Exception {
        startOAuth2(Optional.empty(), Optional.empty());
        tokens.failingWith(503);
        Receiver subscriber = receiver(header -> true);
        Receiver sink = receiver(header -> true);

        Settlement settlement = delivery.deliver(
                        target(
                                subscriber.uri(),
                                Optional.of(sink.uri()),
                                policy(2, Duration.ofSeconds(5)),
                                Optional.of(EgressAuthRef.named("oauth")),
                                Optional.empty()),
                        inbound(event()))
                .await(30, TimeUnit.SECONDS);

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        Settlement.DeadLetteredToSink dead = (Settlement.DeadLetteredToSink) settlement;
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.reason()).contains("token endpoint " + tokens.uri(), "503");
        assertThat(subscriber.statuses()).isEmpty();
        assertThat(sink.statuses()).containsExactly(202);
    }

    @Test
    void knativeAudienceAsksTheDefaultEntryForTokensOfThatAudience() throws Exception {
        startOAuth2(Optional.empty(), Optional.of("https://fallback.example.com"));
        String audience = "https://billing.example.com";
        Receiver subscriber = receiver(header -> tokens.accepts(header, Optional.of(audience)));

        assertThat(deliver(subscriber.uri(), new EgressAuthRef("oauth", Optional.of(audience))))
                .isEqualTo(new Settlement.Delivered(1));
        assertThat(tokens.grants().get(0)).containsEntry("audience", audience);
    }

    @Test
    void theDeadLetterSinkGetsItsOwnCredentials() throws Exception {
        start(Map.of(
                "sink",
                new EgressAuth.Bearer(secret("sink-token", STATIC_TOKEN)),
                "oauth",
                oauth2(Optional.empty(), Optional.empty())));
        Receiver subscriber = receiver(header -> false);
        Receiver sink = receiver(("Bearer " + STATIC_TOKEN)::equals);

        Settlement settlement = delivery.deliver(
                        target(
                                subscriber.uri(),
                                Optional.of(sink.uri()),
                                policy(0, Duration.ofSeconds(5)),
                                Optional.empty(),
                                Optional.of(EgressAuthRef.named("sink"))),
                        inbound(event()))
                .await(30, TimeUnit.SECONDS);

        assertThat(settlement).isInstanceOf(Settlement.DeadLetteredToSink.class);
        assertThat(sink.statuses()).containsExactly(202);
    }

    @Test
    void credentialsNeverAppearInLogsMetersReasonsOrDeadLetters() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            startOAuth2(Optional.empty(), Optional.empty());
            Receiver rejecting = receiver(header -> false);
            Receiver sink = receiver(header -> true);
            List<String> reasons = new ArrayList<>();
            for (boolean endpointDown : List.of(false, true)) {
                tokens.failingWith(endpointDown ? 500 : 0);
                Settlement settlement = delivery.deliver(
                                target(
                                        rejecting.uri(),
                                        Optional.of(sink.uri()),
                                        policy(1, Duration.ofSeconds(5)),
                                        Optional.of(EgressAuthRef.named("oauth")),
                                        Optional.empty()),
                                inbound(event()))
                        .await(30, TimeUnit.SECONDS);
                reasons.add(((Settlement.DeadLetteredToSink) settlement).reason());
            }

            List<String> secrets = new ArrayList<>(tokens.issued());
            secrets.add(CLIENT_SECRET);
            secrets.add(Base64.getEncoder()
                    .encodeToString(("switchboard:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
            assertThat(tokens.issued()).isNotEmpty();
            for (String secret : secrets) {
                assertThat(logs.containing(secret)).isEmpty();
                assertThat(reasons).noneMatch(reason -> reason.contains(secret));
                for (Meter meter : registry.getMeters()) {
                    assertThat(meter.getId().toString()).doesNotContain(secret);
                }
                for (Receiver.Request dead : sink.requests()) {
                    assertThat(dead.headers()).noneMatch(header -> header.contains(secret));
                    assertThat(dead.body()).doesNotContain(secret);
                }
            }
        }
    }

    // --- fixtures ---

    private void startOAuth2(Optional<String> scope, Optional<String> audience) {
        start(Map.of("oauth", oauth2(scope, audience)));
    }

    private EgressAuth.OAuth2 oauth2(Optional<String> scope, Optional<String> audience) {
        try {
            return new EgressAuth.OAuth2(
                    tokens.uri(), "switchboard", secret("client-secret", CLIENT_SECRET + "\n"), scope, audience);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(Map<String, EgressAuth> entries) {
        credentials = EgressCredentials.of(vertx, entries, clock, Duration.ofHours(1));
        delivery = HttpEventDelivery.create(
                vertx,
                new RecordingAppender(),
                registry,
                Clock.systemUTC(),
                new SplittableRandom(3),
                DeliveryEgress.open(vertx).withCredentials(credentials));
    }

    private Path secret(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Settlement deliver(URI subscriber, EgressAuthRef auth) throws Exception {
        return delivery.deliver(
                        target(
                                subscriber,
                                Optional.empty(),
                                policy(0, Duration.ofSeconds(5)),
                                Optional.of(auth),
                                Optional.empty()),
                        inbound(event()))
                .await(30, TimeUnit.SECONDS);
    }

    private Receiver receiver(Predicate<String> accepts) throws Exception {
        Receiver receiver = new Receiver();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String authorization = request.getHeader("Authorization");
                    int status = accepts.test(authorization) ? 202 : 401;
                    List<String> headers = new ArrayList<>();
                    request.headers().forEach(h -> headers.add(h.getKey() + ": " + h.getValue()));
                    receiver.requests.add(new Receiver.Request(authorization, status, headers, body.toString()));
                    request.response().setStatusCode(status).end();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        servers.add(server);
        receiver.port = server.actualPort();
        return receiver;
    }

    /** A subscriber or sink that answers 202 when the {@code Authorization} header passes, else 401. */
    private static final class Receiver {
        record Request(String authorization, int status, List<String> headers, String body) {}

        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private int port;

        URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/hook");
        }

        List<Request> requests() {
            return List.copyOf(requests);
        }

        List<String> authorizations() {
            return requests.stream().map(Request::authorization).toList();
        }

        List<Integer> statuses() {
            return requests.stream().map(Request::status).toList();
        }
    }

    /** A clock the test moves: token expiry without waiting. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
