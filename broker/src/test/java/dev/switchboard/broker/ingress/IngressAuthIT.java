package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import dev.switchboard.broker.ingress.auth.JwksSources;
import dev.switchboard.broker.ingress.auth.OidcVerifier;
import dev.switchboard.broker.ingress.auth.Tokens;
import dev.switchboard.broker.ingress.auth.TokensFile;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import dev.switchboard.broker.testing.TopicReader;
import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.BrokerOptions;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ingress authentication (docs/security.md) against the real server and Kafka: static tokens and OIDC JWTs (JWKS file)
 * per broker, 401 with a Bearer challenge, 403 for subjects not allowed, the authcontext extension recorded
 * (and client values replaced) only on brokers that opt in, read back from Kafka; and a canary token that
 * must never show up in any log line or metric of the run.
 */
@ExtendWith(KafkaExtension.class)
class IngressAuthIT {
    private static final String CANARY = "canary-7b1e3f0c9d2a4e58b6c1-secret";
    private static final String OTHER_TOKEN = "shipping-token-55d2f1";
    private static final String BASE_TOKENS =
            "- {token: \"" + CANARY + "\", subject: billing}\n- {token: \"" + OTHER_TOKEN + "\", subject: shipping}\n";
    private static Path tokensFile;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

    private static CapturedLogs logs;
    private static Vertx vertx;
    private static SimpleMeterRegistry registry;
    private static KafkaEventAppender appender;
    private static IngressServer server;
    private static String bootstrap;
    private static final Map<String, String> topics = new HashMap<>();
    private static RSAKey signingKey;
    private static int port;
    private static final List<String> secretsSent = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        logs = CapturedLogs.attach();
        bootstrap = kafka.bootstrapServers();
        Map<String, BrokerOptions> brokers = Map.of(
                "sec/billing", new BrokerOptions(AuthMode.TOKEN, List.of("billing"), true),
                "sec/tokens", new BrokerOptions(AuthMode.TOKEN, List.of(), false),
                "sec/open", new BrokerOptions(AuthMode.NONE, List.of(), true),
                "sec/oidc", new BrokerOptions(AuthMode.OIDC, List.of(), true),
                "sec/oidc-billing", new BrokerOptions(AuthMode.OIDC, List.of("billing"), false));
        try (var admin = kafka.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            for (String broker : brokers.keySet()) {
                String topic = kafka.uniqueName("auth-" + broker.replace('/', '-'));
                provisioner.ensure(new TopicSpec(topic, 1, (short) 1, 1));
                topics.put(broker, topic);
            }
        }
        tokensFile = dir.resolve("tokens.yaml");
        Files.writeString(tokensFile, BASE_TOKENS);
        signingKey = Tokens.rsaKey("ingress-test");
        Path jwksFile = dir.resolve("jwks.json");
        Files.writeString(jwksFile, Tokens.jwks(signingKey));

        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        IngressLimits limits = IngressLimits.defaults();
        appender = new KafkaEventAppender(
                vertx,
                new KafkaProducer<>(
                        KafkaProducerSettings.of(bootstrap, limits.maxEventBytes(), limits.requestTimeout(), Map.of())),
                Clock.systemUTC());
        IngressAuthenticator authenticator = new IngressAuthenticator(
                vertx,
                TokensFile.watch(vertx, tokensFile, Duration.ofMillis(100)),
                Optional.of(new OidcVerifier(
                        URI.create(Tokens.ISSUER),
                        JwksSources.file(jwksFile),
                        Duration.ofSeconds(30),
                        Clock.systemUTC())));
        BrokerDirectory directory = (namespace, name) -> {
            String key = namespace + "/" + name;
            return Optional.ofNullable(topics.get(key))
                    .map(topic -> new BrokerRoute(topic, brokers.get(key), audience(key)));
        };
        server = new IngressServer(
                vertx,
                limits,
                appender,
                directory,
                () -> true,
                registry,
                new IngressSecurity(authenticator, Optional.empty()));
        port = server.listen("127.0.0.1", 0, 2).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().await(10, TimeUnit.SECONDS);
            appender.close(5_000);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static URI audience(String broker) {
        return URI.create("http://127.0.0.1:8080/" + broker);
    }

    private static String jwt(
            String broker,
            String subject,
            java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> edit) {
        String token = Tokens.signed(
                signingKey, Tokens.claims(Instant.now(), audience(broker).toString(), subject, edit));
        secretsSent.add(token);
        return token;
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("sec/tokens", null, 401, "Bearer realm=\"switchboard\""),
                Arguments.of("sec/tokens", "Bearer wrong-token", 401, "error=\"invalid_token\""),
                Arguments.of("sec/tokens", "Basic dXNlcjpwYXNz", 401, "error=\"invalid_token\""),
                Arguments.of("sec/tokens", "Bearer ", 401, "error=\"invalid_token\""),
                Arguments.of("sec/tokens", "Bearer " + CANARY, 202, null),
                Arguments.of("sec/tokens", "bearer " + OTHER_TOKEN, 202, null),
                Arguments.of("sec/billing", "Bearer " + CANARY, 202, null),
                Arguments.of("sec/billing", "Bearer " + OTHER_TOKEN, 403, null),
                Arguments.of("sec/open", null, 202, null),
                Arguments.of("sec/oidc", "Bearer " + CANARY, 401, "error=\"invalid_token\""),
                Arguments.of("sec/oidc", null, 401, "Bearer realm=\"switchboard\""));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("requests")
    void answersByCredentials(String broker, String authorization, int status, String challenge) throws Exception {
        HttpResponse<String> response = post(broker, "by-credentials", authorization, Map.of());

        assertThat(response.statusCode()).isEqualTo(status);
        if (challenge != null) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                    .startsWith("Bearer realm=\"switchboard\"")
                    .contains(challenge));
        }
        assertThat(response.body()).doesNotContain(CANARY).doesNotContain(OTHER_TOKEN);
    }

    @Test
    void verifiesOidcTokensForTheBrokersAudienceIssuerAndLifetime() throws Exception {
        assertThat(post("sec/oidc", "oidc-valid", "Bearer " + jwt("sec/oidc", "orders", b -> b), Map.of())
                        .statusCode())
                .isEqualTo(202);
        assertThat(post("sec/oidc", "oidc-other-aud", "Bearer " + jwt("sec/open", "orders", b -> b), Map.of())
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> expired = post(
                "sec/oidc",
                "oidc-expired",
                "Bearer "
                        + jwt(
                                "sec/oidc",
                                "orders",
                                b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120)))),
                Map.of());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"", "expired");
        assertThat(post(
                                "sec/oidc-billing",
                                "oidc-forbidden",
                                "Bearer " + jwt("sec/oidc-billing", "orders", b -> b),
                                Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                "sec/oidc-billing",
                                "oidc-allowed",
                                "Bearer " + jwt("sec/oidc-billing", "billing", b -> b),
                                Map.of())
                        .statusCode())
                .isEqualTo(202);

        CloudEvent stored = readBack("sec/oidc", "oidc-valid");
        assertThat(stored.getExtension("authtype")).isEqualTo("service_account");
        assertThat(stored.getExtension("authid")).isEqualTo("orders");
        assertThat(String.valueOf(stored.getExtension("authclaims")))
                .contains("\"iss\":\"" + Tokens.ISSUER + "\"", "\"sub\":\"orders\"");
    }

    @Test
    void recordsTheVerifiedPrincipalOnlyWhenTheBrokerOptsInReplacingClientValues() throws Exception {
        Map<String, String> forged = Map.of("ce-authtype", "system", "ce-authid", "root", "ce-authclaims", "{}");
        assertThat(post("sec/billing", "ctx-billing", "Bearer " + CANARY, forged)
                        .statusCode())
                .isEqualTo(202);
        assertThat(post("sec/open", "ctx-open", null, forged).statusCode()).isEqualTo(202);
        assertThat(post("sec/tokens", "ctx-not-opted-in", "Bearer " + CANARY, Map.of())
                        .statusCode())
                .isEqualTo(202);

        CloudEvent billing = readBack("sec/billing", "ctx-billing");
        assertThat(billing.getExtension("authtype")).isEqualTo("api_key");
        assertThat(billing.getExtension("authid")).isEqualTo("billing");
        assertThat(billing.getExtensionNames()).doesNotContain("authclaims");

        CloudEvent open = readBack("sec/open", "ctx-open");
        assertThat(open.getExtension("authtype")).isEqualTo("unauthenticated");
        assertThat(open.getExtensionNames()).doesNotContain("authid", "authclaims");

        CloudEvent notOptedIn = readBack("sec/tokens", "ctx-not-opted-in");
        assertThat(notOptedIn.getExtensionNames()).doesNotContain("authtype", "authid", "authclaims");
    }

    @Test
    void aRefusedRequestsBodyIsNeverStored() throws Exception {
        assertThat(post("sec/tokens", "refused-body", "Bearer nope", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(post("sec/tokens", "after-refused", "Bearer " + CANARY, Map.of())
                        .statusCode())
                .isEqualTo(202);
        readBack("sec/tokens", "after-refused");
        try (TopicReader reader = new TopicReader(bootstrap, topics.get("sec/tokens"))) {
            assertThat(ids(reader.poll())).doesNotContain("refused-body");
        }
    }

    @Test
    void followsTheTokensFileAddingAndRevokingTokensWithoutARestartKeepingTheLastGoodSetOverABrokenFile()
            throws Exception {
        String added = "reload-canary-3c9e0a51f7d84b62";
        secretsSent.add(added);
        assertThat(post("sec/tokens", "reload-before", "Bearer " + added, Map.of())
                        .statusCode())
                .isEqualTo(401);

        Files.writeString(tokensFile, BASE_TOKENS + "- {token: \"" + added + "\", subject: reloaded}\n");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> post("sec/tokens", "reload-added", "Bearer " + added, Map.of())
                                .statusCode()
                        == 202);

        Files.writeString(tokensFile, "- {token: \"" + added + "\", subject: [\n");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !logs.containing("tokens file not applied").isEmpty());
        assertThat(post("sec/tokens", "reload-broken", "Bearer " + added, Map.of())
                        .statusCode())
                .as("a broken file keeps the last good tokens")
                .isEqualTo(202);

        Files.writeString(tokensFile, BASE_TOKENS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> post("sec/tokens", "reload-revoked", "Bearer " + added, Map.of())
                                .statusCode()
                        == 401);
        assertThat(post("sec/tokens", "reload-kept", "Bearer " + CANARY, Map.of())
                        .statusCode())
                .isEqualTo(202);

        assertThat(logs.containing("tokens file")).isNotEmpty();
        for (String secret : List.of(added, CANARY, OTHER_TOKEN)) {
            assertThat(logs.containing(secret)).as("log lines with a token").isEmpty();
            for (Meter meter : registry.getMeters()) {
                assertThat(meter.getId().toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void secretsNeverAppearInLogsOrMetrics() throws Exception {
        // provoke every path that handles a token: valid, unknown, forbidden, JWT with a static token, a JWT
        post("sec/tokens", "canary-1", "Bearer " + CANARY, Map.of());
        post("sec/billing", "canary-2", "Bearer " + OTHER_TOKEN, Map.of());
        post("sec/oidc", "canary-3", "Bearer " + CANARY, Map.of());
        post("sec/tokens", "canary-4", "Bearer " + CANARY + "x", Map.of());
        post("sec/oidc", "canary-5", "Bearer " + jwt("sec/oidc", "orders", b -> b), Map.of());
        readBack("sec/tokens", "canary-1");

        List<String> secrets = new java.util.ArrayList<>(List.of(CANARY, OTHER_TOKEN));
        secrets.addAll(secretsSent);
        assertThat(logs.lines()).isNotEmpty();
        for (String secret : secrets) {
            assertThat(logs.containing(secret)).as("log lines with a secret").isEmpty();
            for (Meter meter : registry.getMeters()) {
                assertThat(meter.getId().toString()).doesNotContain(secret);
            }
        }
    }

    private static HttpResponse<String> post(String broker, String id, String authorization, Map<String, String> extra)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + broker))
                .timeout(Duration.ofSeconds(30))
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/auth-test")
                .header("ce-type", "com.example.auth")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        extra.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CloudEvent readBack(String broker, String id) {
        try (TopicReader reader = new TopicReader(bootstrap, topics.get(broker));
                CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> reader.poll().stream()
                                    .map(r -> deserializer.deserialize(r.topic(), r.headers(), r.value()))
                                    .filter(e -> e.getId().equals(id))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return records.stream()
                    .map(r -> deserializer
                            .deserialize(r.topic(), r.headers(), r.value())
                            .getId())
                    .toList();
        }
    }
}
