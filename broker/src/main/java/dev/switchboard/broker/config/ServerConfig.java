package dev.switchboard.broker.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole server configuration (docs/configuration.md) after precedence, defaults and validation. {@code
 * defaultResources} is true when no source set {@code resources}: the default {@code ./switchboard.d}
 * is then used only if it exists (README.md). {@code warnings} are the adjustments and ignored settings of
 * the load, for the caller to log. {@code egressAuth} holds the named subscriber credentials (docs/security.md) by name.
 */
public record ServerConfig(
        IngressConfig ingress,
        OpsConfig ops,
        Path dataDir,
        List<Path> resources,
        boolean defaultResources,
        KafkaConfig kafka,
        EgressConfig egress,
        MetricsConfig metrics,
        List<RefMapping> refs,
        AuthConfig auth,
        TlsConfig tls,
        Map<String, EgressAuth> egressAuth,
        ShutdownConfig shutdown,
        StartupConfig startup,
        LoggingConfig logging,
        TracingConfig tracing,
        List<String> warnings) {

    public ServerConfig {
        resources = List.copyOf(resources);
        refs = List.copyOf(refs);
        egressAuth = Map.copyOf(egressAuth);
        warnings = List.copyOf(warnings);
    }

    /** Whether Switchboard starts its embedded Kafka. */
    public boolean embedded() {
        return kafka.embedded();
    }

    /** The base URL of a {@code subscriber.ref} through {@code refs} (docs/configuration.md), if mapped. */
    public Optional<URI> resolveRef(String kind, String namespace, String name) {
        return refs.stream()
                .filter(r -> r.matches(kind, namespace, name))
                .map(RefMapping::url)
                .findFirst();
    }
}
