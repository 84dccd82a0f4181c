package dev.switchboard.broker.ingress;

import dev.switchboard.triggers.model.BrokerOptions;
import java.net.URI;
import java.util.Objects;

/**
 * Where a broker's events go and how its ingress is guarded (docs/ingress.md, docs/security.md).
 *
 * @param topic the broker's event topic
 * @param options the broker's {@code switchboard.dev/} options: auth mode, allowed subjects, authcontext opt-in
 * @param address the broker's ingress URL {@code http(s)://host:port/{namespace}/{broker}}: the default OIDC
 *     audience
 */
public record BrokerRoute(String topic, BrokerOptions options, URI address) {
    public BrokerRoute {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(address, "address");
    }
}
