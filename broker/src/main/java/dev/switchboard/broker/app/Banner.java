package dev.switchboard.broker.app;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.config.TlsFiles;
import dev.switchboard.triggers.model.Condition;
import dev.switchboard.triggers.model.ConditionType;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The startup banner (README.md, docs/cli.md): where the ingress and ops listen, where Kafka is, a curl line to
 * paste, and the triggers loaded at startup with, for any that is not Ready, the reason and message. With
 * {@code tls.ingress} the URLs are {@code https://} and the curl line trusts the configured certificate file with
 * {@code --cacert} (never {@code -k}, which would teach skipping verification); with a {@code clientCaFile} it
 * also names the client certificate and key the producer must bring.
 */
final class Banner {
    private Banner() {}

    static String render(ServerConfig config, Ports ports, ResourceSet resources) {
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
                "",
                triggers(resources, ResourcePaths.of(config).all()),
                "");
    }

    /** One line per loaded trigger: id, READY or NOT READY, and the subscriber or the reason it is not Ready. */
    static String triggers(ResourceSet resources, List<Path> watched) {
        List<String> lines = new ArrayList<>();
        List<Trigger> triggers = resources.triggers().stream()
                .sorted(Comparator.comparing(Trigger::id))
                .toList();
        String from = watched.isEmpty()
                ? ""
                : " from "
                        + String.join(", ", watched.stream().map(Path::toString).toList());
        if (triggers.isEmpty()) {
            lines.add("Triggers: none loaded" + from
                    + (watched.isEmpty() ? "" : " (watched: files added there load without a restart)"));
            return String.join(System.lineSeparator(), lines);
        }
        lines.add("Triggers (" + triggers.size() + ")" + from + ":");
        int width = triggers.stream()
                .mapToInt(t -> t.id().toString().length())
                .max()
                .orElse(0);
        for (Trigger trigger : triggers) {
            TriggerStatus status = resources.status(trigger.id());
            String id = String.format("  %-" + width + "s  ", trigger.id());
            if (status.isReady()) {
                lines.add(id + "Ready      -> "
                        + status.subscriberUri().map(Object::toString).orElse(""));
            } else {
                Condition ready = status.condition(ConditionType.READY);
                lines.add(id + "NOT READY  " + ready.reason() + ": " + ready.message());
            }
        }
        return String.join(System.lineSeparator(), lines);
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
