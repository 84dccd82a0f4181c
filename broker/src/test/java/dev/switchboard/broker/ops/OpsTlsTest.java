package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.config.TlsFiles;
import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.broker.testing.TestCertificates;
import dev.switchboard.broker.tls.PemServerTls;
import dev.switchboard.broker.tls.TlsReloader;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.reload.ResourceReloader;
import dev.switchboard.triggers.yaml.LoadResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the ops port from PEM files (docs/security.md {@code tls.ops}), with a certificate swapped on disk served next. */
class OpsTlsTest {
    @TempDir
    Path dir;

    @Test
    void servesOpsOverTlsAndPicksUpAReplacedCertificate() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("ops-ca");
        Path cert = dir.resolve("ops.crt");
        Path key = dir.resolve("ops.key");
        TestCertificates.leaf(ca, "ops-first").writePem(cert, key);
        TlsFiles files = new TlsFiles(cert, key, Optional.empty());
        Vertx vertx = Vertx.vertx();
        ResourceReloader reloader = new ResourceReloader(
                ResourceSet.empty(), () -> new LoadResult.Valid(ResourceSet.empty()), Clock.systemUTC());
        OpsServer ops = new OpsServer(
                vertx,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new HealthChecks("readyz", List.of()),
                ConfigStatus.of(reloader),
                new TriggerRuntime(
                        TriggerControl.unavailable("none"),
                        new EgressRefusals(Clock.systemUTC()),
                        new DeliveryFailures(Clock.systemUTC())),
                URI.create("https://127.0.0.1:8443"));
        try {
            int port = ops.listen("127.0.0.1", 0, Optional.of(PemServerTls.read(files)))
                    .await(30, TimeUnit.SECONDS);
            TlsReloader reload = new TlsReloader(vertx, files, ops::updateTls, Duration.ofMillis(100)).start();
            SSLContext client = TestCertificates.clientContext(ca, null);

            assertThat(TestCertificates.servedSubject(client, port)).isEqualTo("CN=ops-first");
            assertThat(TestCertificates.statusLine(client, port, "/livez")).startsWith("HTTP/1.1 200");

            TestCertificates.leaf(ca, "ops-second").writePem(cert, key);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(TestCertificates.servedSubject(client, port))
                            .isEqualTo("CN=ops-second"));
            assertThat(TestCertificates.statusLine(client, port, "/metrics")).startsWith("HTTP/1.1 200");
            reload.close();
        } finally {
            ops.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
