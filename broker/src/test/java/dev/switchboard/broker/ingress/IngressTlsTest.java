package dev.switchboard.broker.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.config.TlsFiles;
import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import dev.switchboard.broker.log.EventAppender;
import dev.switchboard.broker.testing.TestCertificates;
import dev.switchboard.broker.tls.PemServerTls;
import dev.switchboard.broker.tls.TlsReloader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the ingress from PEM files (docs/security.md): TLS 1.2+ only, a certificate replaced on disk is served on the
 * next connection without a restart, and client certificates are required when a client CA file is set. These
 * requests never reach Kafka ({@code /livez}), so the log is an appender that refuses everything.
 */
class IngressTlsTest {
    private static final EventAppender NO_LOG = (topic, event, headers) -> Future.failedFuture("no log in this test");

    @TempDir
    Path dir;

    private Vertx vertx;
    private IngressServer server;
    private TlsReloader reloader;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (reloader != null) {
            reloader.close();
        }
        if (server != null) {
            server.close().await(10, TimeUnit.SECONDS);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int start(TlsFiles files) throws Exception {
        server = new IngressServer(
                vertx,
                IngressLimits.defaults(),
                NO_LOG,
                (namespace, name) -> Optional.empty(),
                () -> true,
                new SimpleMeterRegistry(),
                new IngressSecurity(IngressAuthenticator.none(vertx), Optional.of(PemServerTls.read(files))));
        int port = server.listen("127.0.0.1", 0, 2).await(30, TimeUnit.SECONDS);
        reloader = new TlsReloader(vertx, files, server::updateTls, Duration.ofMillis(100)).start();
        return port;
    }

    @Test
    void servesACertificateReplacedOnDiskOnTheNextConnection() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("test-ca");
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        TestCertificates.leaf(ca, "first").writePem(cert, key);
        int port = start(new TlsFiles(cert, key, Optional.empty()));
        SSLContext client = TestCertificates.clientContext(ca, null);

        assertThat(TestCertificates.servedSubject(client, port)).isEqualTo("CN=first");
        assertThat(TestCertificates.statusLine(client, port, "/livez")).startsWith("HTTP/1.1 200");

        TestCertificates.leaf(ca, "second").writePem(cert, key);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(TestCertificates.servedSubject(client, port)).isEqualTo("CN=second"));
        assertThat(TestCertificates.statusLine(client, port, "/livez")).startsWith("HTTP/1.1 200");
    }

    @Test
    void keepsTheLastGoodCertificateWhenTheNewFilesAreBroken() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("test-ca");
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        TestCertificates.leaf(ca, "good").writePem(cert, key);
        int port = start(new TlsFiles(cert, key, Optional.empty()));
        SSLContext client = TestCertificates.clientContext(ca, null);

        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");

        // several reload periods pass; the good certificate is still served
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        TestCertificates.servedSubject(client, port))
                .isEqualTo("CN=good"));
    }

    @Test
    void speaksOnlyTls12AndLater() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("test-ca");
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        TestCertificates.leaf(ca, "server").writePem(cert, key);
        int port = start(new TlsFiles(cert, key, Optional.empty()));
        SSLContext client = TestCertificates.clientContext(ca, null);

        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThat(PemServerTls.PROTOCOLS).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
    }

    @Test
    void requiresAClientCertificateSignedByTheClientCaWhenOneIsConfigured() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("server-ca");
        TestCertificates.Issued clientCa = TestCertificates.authority("client-ca");
        TestCertificates.Issued strangerCa = TestCertificates.authority("stranger-ca");
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Path clientCaFile = dir.resolve("client-ca.crt");
        TestCertificates.leaf(ca, "server").writePem(cert, key);
        Files.writeString(clientCaFile, TestCertificates.pem(clientCa.certificate()));
        int port = start(new TlsFiles(cert, key, Optional.of(clientCaFile)));

        assertThat(TestCertificates.statusLine(
                        TestCertificates.clientContext(ca, TestCertificates.leaf(clientCa, "producer")),
                        port,
                        "/livez"))
                .startsWith("HTTP/1.1 200");
        assertThatThrownBy(() -> TestCertificates.statusLine(TestCertificates.clientContext(ca, null), port, "/livez"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TestCertificates.statusLine(
                        TestCertificates.clientContext(ca, TestCertificates.leaf(strangerCa, "x")), port, "/livez"))
                .isInstanceOf(IOException.class);
    }
}
