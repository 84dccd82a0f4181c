package dev.switchboard.broker.config;

import java.util.List;

/**
 * The egress guard's lists (docs/configuration.md, docs/security.md): link-local and metadata addresses are refused unless in
 * {@code allow}; addresses in {@code deny} are refused in addition.
 */
public record EgressConfig(List<Cidr> allow, List<Cidr> deny) {
    public EgressConfig {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
