package dev.switchboard.broker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key of the server config (docs/configuration.md) by its dotted path, with the shape of its value. The path is
 * also the key of the flags map handed to {@link ConfigLoader}, and names the environment variable
 * {@code SWITCHBOARD_<PATH>} (segments upper-cased, joined by {@code _}).
 */
public enum ConfigKey {
    INGRESS_HOST("ingress.host"),
    INGRESS_PORT("ingress.port"),
    INGRESS_MAX_EVENT_BYTES("ingress.maxEventBytes"),
    INGRESS_MAX_IN_FLIGHT("ingress.maxInFlight"),
    INGRESS_REQUEST_TIMEOUT("ingress.requestTimeout"),
    INGRESS_IDLE_TIMEOUT("ingress.idleTimeout"),
    INGRESS_MAX_CONNECTIONS("ingress.maxConnections"),
    OPS_HOST("ops.host"),
    OPS_PORT("ops.port"),
    OPS_TOKENS_FILE("ops.tokensFile"),
    DATA_DIR("dataDir"),
    RESOURCES("resources", Shape.LIST),
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrapServers"),
    KAFKA_PARTITIONS("kafka.partitions"),
    KAFKA_REPLICATION_FACTOR("kafka.replicationFactor"),
    KAFKA_MIN_INSYNC_REPLICAS("kafka.minInsyncReplicas"),
    KAFKA_CLIENT("kafka.client", Shape.MAP),
    KAFKA_PRODUCER("kafka.producer", Shape.MAP),
    KAFKA_CONSUMER("kafka.consumer", Shape.MAP),
    EGRESS_ALLOW("egress.allow", Shape.LIST),
    EGRESS_DENY("egress.deny", Shape.LIST),
    METRICS_EVENT_TYPE_TAG("metrics.eventTypeTag"),
    REFS("refs", Shape.RECORDS),
    AUTH_TOKENS_FILE("auth.tokensFile"),
    AUTH_OIDC_ISSUER("auth.oidc.issuer"),
    AUTH_OIDC_JWKS_URI("auth.oidc.jwksUri"),
    AUTH_OIDC_JWKS_FILE("auth.oidc.jwksFile"),
    AUTH_OIDC_CLOCK_SKEW("auth.oidc.clockSkew"),
    TLS_INGRESS_CERT_FILE("tls.ingress.certFile"),
    TLS_INGRESS_KEY_FILE("tls.ingress.keyFile"),
    TLS_INGRESS_CLIENT_CA_FILE("tls.ingress.clientCaFile"),
    TLS_OPS_CERT_FILE("tls.ops.certFile"),
    TLS_OPS_KEY_FILE("tls.ops.keyFile"),
    EGRESS_AUTH("egressAuth", Shape.RECORDS),
    SHUTDOWN_DRAIN_TIMEOUT("shutdown.drainTimeout"),
    STARTUP_WARM_UP("startup.warmUp"),
    LOGGING_FORMAT("logging.format"),
    TRACING_OTLP_ENDPOINT("tracing.otlpEndpoint"),
    TRACING_SAMPLE_RATIO("tracing.sampleRatio"),
    TRACING_SERVICE_NAME("tracing.serviceName");

    /** The shape of a key's value, which decides how it is written in each source. */
    public enum Shape {
        /** One value. */
        SCALAR,
        /** A list of values; comma-separated in the environment and in flags. */
        LIST,
        /** A map of raw properties ({@code kafka.producer}); one variable or flag per property. */
        MAP,
        /** A list of mappings ({@code refs}); a JSON array in the environment and in flags. */
        RECORDS
    }

    /** Prefix of every environment variable the loader reads. */
    public static final String ENV_PREFIX = "SWITCHBOARD_";

    private static final Map<String, ConfigKey> BY_PATH =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));

    private final String path;
    private final Shape shape;

    ConfigKey(String path) {
        this(path, Shape.SCALAR);
    }

    ConfigKey(String path, Shape shape) {
        this.path = path;
        this.shape = shape;
    }

    /** The dotted path, e.g. {@code ingress.maxEventBytes}. */
    public String path() {
        return path;
    }

    public Shape shape() {
        return shape;
    }

    /** The environment variable, e.g. {@code SWITCHBOARD_INGRESS_MAXEVENTBYTES} (camelCase folded). */
    public String envName() {
        return ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The key with this exact dotted path. */
    public static Optional<ConfigKey> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** Whether {@code path} names a section that holds keys ({@code ingress}, {@code auth.oidc}). */
    static boolean isSection(String path) {
        String prefix = path + ".";
        return BY_PATH.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** The last segments of the keys and sections directly under {@code section} ("" for the top). */
    static Set<String> childNames(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return BY_PATH.keySet().stream()
                .filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()).split("\\.", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
