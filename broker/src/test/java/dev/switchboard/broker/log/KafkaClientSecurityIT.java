package dev.switchboard.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.app.SwitchboardServer;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.broker.testing.TestCertificates;
import dev.switchboard.broker.testing.TestCertificates.Issued;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switchboard against a secured Kafka (docs/configuration.md {@code kafka.client}): a real KRaft broker with a SASL_SSL
 * listener (SCRAM-SHA-512 and PLAIN) and an mTLS listener, certificates made in the test. Events flow end to
 * end over each (ingress → Kafka → a Vert.x subscriber), with the secrets in files read through Kafka's config
 * providers; a wrong password and an untrusted certificate each stop the start within a bound with a message
 * naming the cause; no captured log line ever holds a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClientSecurityIT {
    private static final String SCRAM_USER = "switchboard";
    private static final String SCRAM_PASSWORD = "scram-canary-" + UUID.randomUUID();
    private static final String PLAIN_PASSWORD = "plain-canary-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-canary-" + UUID.randomUUID();
    private static final Duration REFUSAL_BOUND = Duration.ofSeconds(30);

    private Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private Issued clientCa;
    private SecuredKafka kafka;
    private HttpServer subscriber;
    private CapturedLogs logs;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        clientCa = TestCertificates.authority("kafka-client-ca");
        kafka = SecuredKafka.start(dir, clientCa, PLAIN_PASSWORD);
        kafka.addScramUser(SCRAM_USER, SCRAM_PASSWORD);
        subscriber = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(request.getHeader("ce-id"));
                    request.response().setStatusCode(202).end();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        logs = CapturedLogs.attach();
    }

    @AfterAll
    void stop() throws Exception {
        logs.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        kafka.close();
    }

    @Test
    void deliversEndToEndOverSaslSslWithScramAndThePasswordInAFile() throws Exception {
        Path secrets = dir.resolve("scram.properties");
        Files.writeString(secrets, "password=" + SCRAM_PASSWORD + "\n");
        Map<String, String> client = withFileProvider(saslSsl("SCRAM-SHA-512"));
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCRAM_USER
                        + "\" password=\"${file:" + secrets + ":password}\";");

        assertDeliveredThrough(kafka.saslSslBootstrap(), client, "scram");
    }

    @Test
    void deliversEndToEndOverSaslSslWithPlain() throws Exception {
        Map<String, String> client = saslSsl("PLAIN");
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SecuredKafka.PLAIN_USER
                        + "\" password=\"" + PLAIN_PASSWORD + "\";");

        assertDeliveredThrough(kafka.saslSslBootstrap(), client, "plain");
    }

    @Test
    void deliversEndToEndOverMutualTls() throws Exception {
        assertDeliveredThrough(kafka.mtlsBootstrap(), mtls(TestCertificates.leaf(clientCa, "switchboard")), "mtls");
    }

    @Test
    void wrongPasswordFailsTheStartNamingAuthenticationWithoutThePassword() throws Exception {
        Path secrets = dir.resolve("wrong.properties");
        Files.writeString(secrets, "password=" + WRONG_PASSWORD + "\n");
        Map<String, String> client = withFileProvider(saslSsl("SCRAM-SHA-512"));
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCRAM_USER
                        + "\" password=\"${file:" + secrets + ":password}\";");

        String message = refusal(kafka.saslSslBootstrap(), client, "wrongpw");

        assertThat(message)
                .contains("Kafka at " + kafka.saslSslBootstrap())
                .contains("authentication failed")
                .contains("SCRAM-SHA-512")
                .doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void untrustedClientCertificateFailsTheStartNamingTheTlsHandshake() throws Exception {
        Issued stranger = TestCertificates.leaf(TestCertificates.authority("unknown-ca"), "switchboard");

        String message = refusal(kafka.mtlsBootstrap(), mtls(stranger), "stranger");

        assertThat(message).contains("Kafka at " + kafka.mtlsBootstrap()).contains("TLS handshake failed");
    }

    @Test
    void untrustedServerCertificateFailsTheStartNamingTheTlsHandshake() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(
                otherCa,
                TestCertificates.pem(TestCertificates.authority("other-ca").certificate()));
        Map<String, String> client = saslSsl("PLAIN");
        client.put("ssl.truststore.location", otherCa.toString());
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SecuredKafka.PLAIN_USER
                        + "\" password=\"" + PLAIN_PASSWORD + "\";");

        String message = refusal(kafka.saslSslBootstrap(), client, "otherca");

        assertThat(message).contains("TLS handshake failed").contains("PKIX path");
    }

    /** Runs last: every other case has logged by then, successes and refusals alike. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noLogLineHoldsASecret() {
        for (String secret : Set.of(SCRAM_PASSWORD, PLAIN_PASSWORD, WRONG_PASSWORD)) {
            assertThat(logs.containing(secret)).as("log lines holding a secret").isEmpty();
        }
        assertThat(logs.lines()).as("the clients did log their configuration").isNotEmpty();
    }

    private void assertDeliveredThrough(String bootstrap, Map<String, String> client, String name) throws Exception {
        String namespace = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (SwitchboardServer server = SwitchboardServer.start(config(bootstrap, client, namespace))) {
            String id = "event-" + namespace;
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + server.ports().ingress() + "/" + namespace + "/default"))
                            .header("ce-specversion", "1.0")
                            .header("ce-id", id)
                            .header("ce-type", "com.example.secured")
                            .header("ce-source", "/test")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.contains(id));
            server.drainAndStop();
        }
    }

    /** Starts Switchboard and expects it to refuse within {@link #REFUSAL_BOUND}; the refusal's message. */
    private String refusal(String bootstrap, Map<String, String> client, String name) throws Exception {
        ServerConfig config = config(
                bootstrap, client, name + "-" + UUID.randomUUID().toString().substring(0, 8));
        long started = System.nanoTime();
        KafkaAccessException refused =
                catchThrowableOfType(KafkaAccessException.class, () -> SwitchboardServer.start(config)
                        .close());
        assertThat(refused).as("the start is refused").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSAL_BOUND);
        return refused.getMessage();
    }

    private ServerConfig config(String bootstrap, Map<String, String> client, String namespace) throws Exception {
        Path work = Files.createDirectories(dir.resolve(namespace));
        Path resources = work.resolve("resources.yaml");
        Files.writeString(resources, """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: %s
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: all
                  namespace: %s
                spec:
                  broker: default
                  subscriber:
                    uri: http://127.0.0.1:%d/
                """.formatted(namespace, namespace, subscriber.actualPort()));
        Map<String, String> flags = new HashMap<>(Map.of(
                "kafka.bootstrapServers", bootstrap,
                "kafka.partitions", "1",
                "kafka.replicationFactor", "1",
                "kafka.minInsyncReplicas", "1",
                "ingress.host", "127.0.0.1",
                "ingress.port", "0",
                "ops.port", "0",
                "dataDir", work.resolve("data").toString(),
                "resources", resources.toString()));
        client.forEach((property, value) -> flags.put("kafka.client." + property, value));
        return new ConfigLoader().load(Optional.empty(), Map.of(), flags);
    }

    private Map<String, String> saslSsl(String mechanism) {
        Map<String, String> client = new HashMap<>();
        client.put("security.protocol", "SASL_SSL");
        client.put("sasl.mechanism", mechanism);
        client.put("ssl.truststore.type", "PEM");
        client.put("ssl.truststore.location", kafka.caFile().toString());
        return client;
    }

    private Map<String, String> mtls(Issued certificate) throws Exception {
        Path keystore = dir.resolve("client-" + UUID.randomUUID() + ".pem");
        Files.writeString(
                keystore,
                TestCertificates.pem(certificate.keys().getPrivate())
                        + TestCertificates.pem(certificate.certificate()));
        Map<String, String> client = new HashMap<>();
        client.put("security.protocol", "SSL");
        client.put("ssl.truststore.type", "PEM");
        client.put("ssl.truststore.location", kafka.caFile().toString());
        client.put("ssl.keystore.type", "PEM");
        client.put("ssl.keystore.location", keystore.toString());
        return client;
    }

    private static Map<String, String> withFileProvider(Map<String, String> client) {
        client.put("config.providers", "file");
        client.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return client;
    }
}
