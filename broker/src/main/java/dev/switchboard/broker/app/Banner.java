package dev.switchboard.broker.app;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.ServerConfig;

/** The startup banner (SPEC §1): where the ingress and ops listen, where Kafka is, and a curl line to paste. */
final class Banner {
    private Banner() {}

    static String render(ServerConfig config, Ports ports) {
        String ingressHost = displayHost(config.ingress().host());
        String opsHost = displayHost(config.ops().host());
        String brokerUrl = "http://" + ingressHost + ":" + ports.ingress() + "/default/default";
        String kafka =
                ports.kafka() + (config.embedded() ? " (embedded, data in " + config.dataDir() + ")" : " (external)");
        return String.join(
                System.lineSeparator(),
                "Switchboard is ready.",
                "  ingress  " + brokerUrl,
                "  ops      http://" + opsHost + ":" + ports.ops() + "/  (metrics at /metrics)",
                "  kafka    " + kafka,
                "",
                "Send an event:",
                "  curl -i -X POST " + brokerUrl
                        + " -H 'ce-specversion: 1.0' -H 'ce-id: 1' -H 'ce-type: com.example.hello'"
                        + " -H 'ce-source: /curl' -H 'content-type: application/json' -d '{\"hello\":\"world\"}'",
                "");
    }

    /** A wildcard bind address is reachable locally as loopback. */
    static String displayHost(String host) {
        return switch (host) {
            case "0.0.0.0", "", "::", "[::]" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }
}
