package dev.switchboard.broker.app;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.config.TlsFiles;
import java.util.Optional;

/**
 * The startup banner (README.md): where the ingress and ops listen, where Kafka is, and a curl line to paste. With
 * {@code tls.ingress} the URLs are {@code https://} and the curl line trusts the configured certificate file with
 * {@code --cacert} (never {@code -k}, which would teach skipping verification); with a {@code clientCaFile} it
 * also names the client certificate and key the producer must bring.
 */
final class Banner {
    private Banner() {}

    static String render(ServerConfig config, Ports ports) {
        String ingressHost = displayHost(config.ingress().host());
        String opsHost = displayHost(config.ops().host());
        Optional<TlsFiles> ingressTls = config.tls().ingress();
        String brokerUrl = scheme(ingressTls.isPresent()) + ingressHost + ":" + ports.ingress() + "/default/default";
        String opsUrl = scheme(config.tls().ops().isPresent()) + opsHost + ":" + ports.ops() + "/";
        String kafka =
                ports.kafka() + (config.embedded() ? " (embedded, data in " + config.dataDir() + ")" : " (external)");
        return String.join(
                System.lineSeparator(),
                "Switchboard is ready.",
                "  ingress  " + brokerUrl,
                "  ops      " + opsUrl + "  (metrics at /metrics)",
                "  kafka    " + kafka,
                "",
                "Send an event:",
                "  curl -i -X POST " + brokerUrl + curlTls(ingressTls)
                        + " -H 'ce-specversion: 1.0' -H 'ce-id: 1' -H 'ce-type: com.example.hello'"
                        + " -H 'ce-source: /curl' -H 'content-type: application/json' -d '{\"hello\":\"world\"}'",
                "");
    }

    /**
     * The curl options for an ingress with TLS: trust the served certificate (curl accepts a leaf or the CA that
     * signed it; the certificate must name the host of the URL), and present a client certificate when the
     * ingress asks for one.
     */
    private static String curlTls(Optional<TlsFiles> tls) {
        if (tls.isEmpty()) {
            return "";
        }
        String options = " --cacert " + quoted(tls.get().certFile().toString());
        if (tls.get().clientCaFile().isPresent()) {
            options += " --cert client.crt --key client.key";
        }
        return options;
    }

    private static String scheme(boolean tls) {
        return tls ? "https://" : "http://";
    }

    /** A shell word: single quotes unless the text is made only of safe characters. */
    private static String quoted(String text) {
        return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** A wildcard bind address is reachable locally as loopback. */
    static String displayHost(String host) {
        return switch (host) {
            case "0.0.0.0", "", "::", "[::]" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }
}
