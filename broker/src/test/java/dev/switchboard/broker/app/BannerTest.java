package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.ServerConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The startup banner (README.md) names the scheme the listeners really serve, and its curl line works as printed. */
class BannerTest {
    private static final Ports PORTS = new Ports(8080, 9090, "127.0.0.1:9092");

    @Test
    void printsPlainHttpUrlsAndCurlLineWithoutTls() throws Exception {
        String banner = Banner.render(config(Map.of()), PORTS);

        assertThat(banner)
                .contains("ingress  http://127.0.0.1:8080/default/default")
                .contains("ops      http://127.0.0.1:9090/")
                .contains("curl -i -X POST http://127.0.0.1:8080/default/default -H")
                .doesNotContain("https", "--cacert", " -k ");
    }

    @Test
    void printsHttpsAndTrustsTheIngressCertificateInTheCurlLineWithTls() throws Exception {
        String banner = Banner.render(
                config(Map.of(
                        "tls.ingress.certFile", "/etc/switchboard/tls.crt",
                        "tls.ingress.keyFile", "/etc/switchboard/tls.key",
                        "tls.ops.certFile", "/etc/switchboard/ops.crt",
                        "tls.ops.keyFile", "/etc/switchboard/ops.key")),
                PORTS);

        assertThat(banner)
                .contains("ingress  https://127.0.0.1:8080/default/default")
                .contains("ops      https://127.0.0.1:9090/")
                .contains("curl -i -X POST https://127.0.0.1:8080/default/default --cacert /etc/switchboard/tls.crt -H")
                .doesNotContain(" -k ", "--insecure", "--cert client.crt");
    }

    @Test
    void namesTheClientCertificateWhenTheIngressAsksForOne() throws Exception {
        String banner = Banner.render(
                config(Map.of(
                        "tls.ingress.certFile", "/etc/my certs/tls.crt",
                        "tls.ingress.keyFile", "/etc/my certs/tls.key",
                        "tls.ingress.clientCaFile", "/etc/my certs/clients.crt")),
                PORTS);

        assertThat(banner)
                .contains("--cacert '/etc/my certs/tls.crt' --cert client.crt --key client.key")
                .contains("ops      http://127.0.0.1:9090/");
    }

    private static ServerConfig config(Map<String, String> flags) throws Exception {
        return new ConfigLoader().load(Optional.empty(), Map.of(), flags);
    }
}
