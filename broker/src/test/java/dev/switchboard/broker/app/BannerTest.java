package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The startup banner (README.md) names the scheme the listeners really serve, and its curl line works as printed. */
class BannerTest {
    private static final Ports PORTS = new Ports(8080, 9090, "127.0.0.1:9092");

    @Test
    void printsPlainHttpUrlsAndCurlLineWithoutTls() throws Exception {
        String banner = Banner.render(config(Map.of()), PORTS, ResourceSet.empty());

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
                PORTS,
                ResourceSet.empty());

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
                PORTS,
                ResourceSet.empty());

        assertThat(banner)
                .contains("--cacert '/etc/my certs/tls.crt' --cert client.crt --key client.key")
                .contains("ops      http://127.0.0.1:9090/");
    }

    @Test
    void listsLoadedTriggersWithTheReasonOfThoseNotReady() throws Exception {
        LoadResult loaded = new ResourceLoader().loadString("tour.yaml", """
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata: {name: hello-logger}
                        spec:
                          broker: default
                          subscriber: {uri: http://127.0.0.1:8081/}
                        ---
                        apiVersion: eventing.knative.dev/v1
                        kind: Trigger
                        metadata: {name: audit}
                        spec:
                          broker: missing
                          subscriber: {uri: http://127.0.0.1:8083/}
                        """, List.of());
        assertThat(loaded).isInstanceOf(LoadResult.Valid.class);

        String banner = Banner.render(config(Map.of()), PORTS, ((LoadResult.Valid) loaded).resources());

        assertThat(banner)
                .containsPattern("Triggers \\(2\\).*:")
                .containsPattern("default/audit +NOT READY  BrokerDoesNotExist: .*missing")
                .containsPattern("default/hello-logger +Ready +-> http://127.0.0.1:8081/");
    }

    @Test
    void saysWhereTriggersWouldComeFromWhenNoneAreLoaded() throws Exception {
        String banner = Banner.render(config(Map.of()), PORTS, ResourceSet.empty());

        assertThat(banner).contains("Triggers: none loaded from ./switchboard.d (watched");
    }

    private static ServerConfig config(Map<String, String> flags) throws Exception {
        return new ConfigLoader().load(Optional.empty(), Map.of(), flags);
    }
}
