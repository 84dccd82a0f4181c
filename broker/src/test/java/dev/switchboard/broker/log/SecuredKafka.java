package dev.switchboard.broker.log;

import dev.switchboard.broker.testing.TestCertificates;
import dev.switchboard.broker.testing.TestCertificates.Issued;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka in this JVM with the listeners of a secured production cluster, certificates
 * made in the test (docs/configuration.md "kafka.client"):
 *
 * <ul>
 *   <li>{@code SASL_SSL} with SCRAM-SHA-512 (users added through the Admin API, as Strimzi's user operator does)
 *       and PLAIN (users in the listener's JAAS configuration, as Confluent Cloud API keys look to a client);
 *   <li>{@code SSL} with client certificates required (mTLS), trusting certificates signed by {@code
 *       clientCa};
 *   <li>a {@code PLAINTEXT} listener for the broker itself and for the test's own admin calls.
 * </ul>
 *
 * The server certificate names {@code 127.0.0.1} and is signed by {@link #ca()}; clients verify it, host name
 * included ({@code ssl.endpoint.identification.algorithm=https}, Kafka's default).
 */
public final class SecuredKafka implements AutoCloseable {
    public static final String PLAIN_USER = "confluent-key";

    private final KafkaRaftServer server;
    private final Issued ca;
    private final Path caFile;
    private final int plaintextPort;
    private final int saslSslPort;
    private final int mtlsPort;

    private SecuredKafka(KafkaRaftServer server, Issued ca, Path caFile, int plaintext, int saslSsl, int mtls) {
        this.server = server;
        this.ca = ca;
        this.caFile = caFile;
        this.plaintextPort = plaintext;
        this.saslSslPort = saslSsl;
        this.mtlsPort = mtls;
    }

    /**
     * Starts the broker with its storage and certificates under {@code dir}, accepting {@code plainPassword}
     * for {@link #PLAIN_USER} and client certificates signed by {@code clientCa}.
     */
    public static SecuredKafka start(Path dir, Issued clientCa, String plainPassword) throws Exception {
        Issued ca = TestCertificates.authority("kafka-test-ca");
        Issued serverCert = TestCertificates.leaf(ca, "kafka-broker");
        Path caFile = dir.resolve("kafka-ca.pem");
        Files.writeString(caFile, TestCertificates.pem(ca.certificate()));
        Path keystore = dir.resolve("kafka-server.pem");
        Files.writeString(
                keystore,
                TestCertificates.pem(serverCert.keys().getPrivate()) + TestCertificates.pem(serverCert.certificate()));
        Path clientCaFile = dir.resolve("kafka-client-ca.pem");
        Files.writeString(clientCaFile, TestCertificates.pem(clientCa.certificate()));

        Path logDir = dir.resolve("kafka").toAbsolutePath();
        new KraftStorage(logDir).ensureFormatted(1, KraftNodeProperties.CONTROLLER_LISTENER);
        int plaintext = freePort();
        int saslSsl = freePort();
        int mtls = freePort();
        String host = KraftNodeProperties.HOST;
        Properties props =
                new KraftNodeProperties(logDir, 1, plaintext, freePort(), Duration.ofSeconds(60)).toProperties();
        String controller = props.getProperty("listeners").split(",")[1];
        props.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + plaintext + ",SASLSSL://" + host + ":" + saslSsl + ",MTLS://" + host + ":"
                        + mtls + "," + controller);
        props.put(
                "advertised.listeners",
                "PLAINTEXT://" + host + ":" + plaintext + ",SASLSSL://" + host + ":" + saslSsl + ",MTLS://" + host + ":"
                        + mtls);
        props.put(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASLSSL:SASL_SSL,MTLS:SSL");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        props.put(
                "listener.name.saslssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(
                "listener.name.saslssl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
                        + plainPassword + "\";");
        for (String listener : List.of("saslssl", "mtls")) {
            props.put("listener.name." + listener + ".ssl.keystore.type", "PEM");
            props.put("listener.name." + listener + ".ssl.keystore.location", keystore.toString());
        }
        props.put("listener.name.mtls.ssl.truststore.type", "PEM");
        props.put("listener.name.mtls.ssl.truststore.location", clientCaFile.toString());
        props.put("listener.name.mtls.ssl.client.auth", "required");

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        SecuredKafka kafka = new SecuredKafka(server, ca, caFile, plaintext, saslSsl, mtls);
        kafka.awaitReady();
        return kafka;
    }

    /** The CA that signed the broker's certificate, as clients must trust it. */
    public Issued ca() {
        return ca;
    }

    /** {@link #ca()} as a PEM file, for {@code ssl.truststore.location} with {@code ssl.truststore.type=PEM}. */
    public Path caFile() {
        return caFile;
    }

    public String saslSslBootstrap() {
        return KraftNodeProperties.HOST + ":" + saslSslPort;
    }

    public String mtlsBootstrap() {
        return KraftNodeProperties.HOST + ":" + mtlsPort;
    }

    /** Adds or replaces a SCRAM-SHA-512 user through the Admin API. */
    public void addScramUser(String user, String password) throws Exception {
        try (Admin admin = plaintextAdmin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private Admin plaintextAdmin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KraftNodeProperties.HOST + ":" + plaintextPort));
    }

    private void awaitReady() throws Exception {
        try (Admin admin = plaintextAdmin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftNodeProperties.HOST))) {
            return socket.getLocalPort();
        }
    }
}
