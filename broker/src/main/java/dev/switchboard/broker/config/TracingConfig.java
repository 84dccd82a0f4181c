package dev.switchboard.broker.config;

import java.net.URI;
import java.util.Optional;

/**
 * Tracing options (docs/configuration.md, docs/tracing.md): spans are exported over OTLP/HTTP to {@code
 * otlpEndpoint} when it is set, sampled at {@code sampleRatio} unless the incoming trace decided, under the resource
 * attribute {@code service.name = serviceName}. Without an endpoint tracing is off.
 */
public record TracingConfig(Optional<URI> otlpEndpoint, double sampleRatio, String serviceName) {
    public static final double DEFAULT_SAMPLE_RATIO = 1.0;
    public static final String DEFAULT_SERVICE_NAME = "switchboard";

    public boolean enabled() {
        return otlpEndpoint.isPresent();
    }
}
