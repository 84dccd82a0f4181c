package dev.switchboard.broker.config;

import static dev.switchboard.broker.config.ConfigKey.DATA_DIR;
import static dev.switchboard.broker.config.ConfigKey.EGRESS_ALLOW;
import static dev.switchboard.broker.config.ConfigKey.EGRESS_AUTH;
import static dev.switchboard.broker.config.ConfigKey.EGRESS_DENY;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_HOST;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_IDLE_TIMEOUT;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_MAX_CONNECTIONS;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_MAX_EVENT_BYTES;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_MAX_IN_FLIGHT;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_PORT;
import static dev.switchboard.broker.config.ConfigKey.INGRESS_REQUEST_TIMEOUT;
import static dev.switchboard.broker.config.ConfigKey.LOGGING_FORMAT;
import static dev.switchboard.broker.config.ConfigKey.METRICS_EVENT_TYPE_TAG;
import static dev.switchboard.broker.config.ConfigKey.OPS_HOST;
import static dev.switchboard.broker.config.ConfigKey.OPS_PORT;
import static dev.switchboard.broker.config.ConfigKey.OPS_TOKENS_FILE;
import static dev.switchboard.broker.config.ConfigKey.REFS;
import static dev.switchboard.broker.config.ConfigKey.RESOURCES;
import static dev.switchboard.broker.config.ConfigKey.SHUTDOWN_DRAIN_TIMEOUT;
import static dev.switchboard.broker.config.ConfigKey.STARTUP_WARM_UP;
import static dev.switchboard.broker.config.ConfigKey.TRACING_OTLP_ENDPOINT;
import static dev.switchboard.broker.config.ConfigKey.TRACING_SAMPLE_RATIO;
import static dev.switchboard.broker.config.ConfigKey.TRACING_SERVICE_NAME;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the effective layer into a {@link ServerConfig}: types every key, fills the docs/configuration.md defaults
 * and applies its rules (ports 0..65535 with 0 = any free port, max event size at least 64 KiB).
 */
final class ServerConfigBinder {
    static final String DEFAULT_INGRESS_HOST = "0.0.0.0";
    static final int DEFAULT_INGRESS_PORT = 8080;
    static final int DEFAULT_MAX_EVENT_BYTES = 1_048_576;
    static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    static final String DEFAULT_OPS_HOST = "127.0.0.1";
    static final int DEFAULT_OPS_PORT = 9090;
    static final Path DEFAULT_DATA_DIR = Path.of("./data");
    static final List<Path> DEFAULT_RESOURCES = List.of(Path.of("./switchboard.d"));
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private final Problems problems;
    private final ValueReader reader;

    ServerConfigBinder(Problems problems) {
        this.problems = problems;
        this.reader = new ValueReader(problems);
    }

    /** Binds every section; the warnings are taken last, once every section has been bound. */
    ServerConfig bind(Settings settings) {
        AccessConfigBinder access = new AccessConfigBinder(problems);
        IngressConfig ingress = ingress(settings);
        OpsConfig ops = new OpsConfig(
                settings.get(OPS_HOST, this::host, DEFAULT_OPS_HOST),
                settings.get(OPS_PORT, this::port, DEFAULT_OPS_PORT),
                settings.get(OPS_TOKENS_FILE, reader::path));
        KafkaConfig kafka = new KafkaConfigBinder(problems).bind(settings);
        EgressConfig egress = new EgressConfig(
                settings.get(EGRESS_ALLOW, reader::cidrs, List.of()),
                settings.get(EGRESS_DENY, reader::cidrs, List.of()));
        List<RefMapping> refs = settings.get(REFS, new RefsReader(reader, problems)::read, List.of());
        AuthConfig auth = access.auth(settings);
        TlsConfig tls = access.tls(settings);
        ShutdownConfig shutdown = new ShutdownConfig(
                settings.get(SHUTDOWN_DRAIN_TIMEOUT, (k, v) -> reader.duration(k, v, true), DEFAULT_DRAIN_TIMEOUT));
        Map<String, EgressAuth> egressAuth =
                settings.get(EGRESS_AUTH, new EgressAuthReader(reader, problems)::read, Map.of());
        return new ServerConfig(
                ingress,
                ops,
                settings.get(DATA_DIR, reader::path, DEFAULT_DATA_DIR),
                settings.get(RESOURCES, reader::paths, DEFAULT_RESOURCES),
                !settings.sets(RESOURCES),
                kafka,
                egress,
                new MetricsConfig(settings.get(METRICS_EVENT_TYPE_TAG, reader::bool, false)),
                refs,
                auth,
                tls,
                egressAuth,
                shutdown,
                new StartupConfig(settings.get(STARTUP_WARM_UP, reader::bool, true)),
                new LoggingConfig(settings.get(LOGGING_FORMAT, this::logFormat, LogFormat.TEXT)),
                tracing(settings),
                problems.warnings());
    }

    private IngressConfig ingress(Settings settings) {
        return new IngressConfig(
                settings.get(INGRESS_HOST, this::host, DEFAULT_INGRESS_HOST),
                settings.get(INGRESS_PORT, this::port, DEFAULT_INGRESS_PORT),
                maxEventBytes(settings),
                settings.get(
                        INGRESS_MAX_IN_FLIGHT,
                        (k, v) -> reader.integer(k, v, 1, Integer.MAX_VALUE),
                        DEFAULT_MAX_IN_FLIGHT),
                settings.get(INGRESS_REQUEST_TIMEOUT, (k, v) -> reader.duration(k, v, false), DEFAULT_REQUEST_TIMEOUT),
                settings.get(INGRESS_IDLE_TIMEOUT, (k, v) -> reader.duration(k, v, false), DEFAULT_IDLE_TIMEOUT),
                settings.get(
                        INGRESS_MAX_CONNECTIONS,
                        (k, v) -> reader.integer(k, v, 1, Integer.MAX_VALUE),
                        DEFAULT_MAX_CONNECTIONS));
    }

    /** docs/configuration.md: "Max event size is never below 64 KiB" — a smaller value is raised, with a warning. */
    private int maxEventBytes(Settings settings) {
        int value = settings.get(
                INGRESS_MAX_EVENT_BYTES,
                (k, v) -> settings.reader().integer(k, v, 1, Integer.MAX_VALUE),
                DEFAULT_MAX_EVENT_BYTES);
        if (value < IngressConfig.MIN_MAX_EVENT_BYTES) {
            problems.warn(
                    INGRESS_MAX_EVENT_BYTES.path(),
                    value + " is below the 64 KiB floor, raised to " + IngressConfig.MIN_MAX_EVENT_BYTES,
                    settings.origin(INGRESS_MAX_EVENT_BYTES));
            return IngressConfig.MIN_MAX_EVENT_BYTES;
        }
        return value;
    }

    /** docs/tracing.md: an empty {@code otlpEndpoint} (the default) leaves tracing off. */
    private TracingConfig tracing(Settings settings) {
        return new TracingConfig(
                settings.get(TRACING_OTLP_ENDPOINT, this::otlpEndpoint),
                settings.get(TRACING_SAMPLE_RATIO, reader::ratio, TracingConfig.DEFAULT_SAMPLE_RATIO),
                settings.get(
                        TRACING_SERVICE_NAME,
                        (k, v) -> reader.nonBlank(k, v, "a service name").map(String::strip),
                        TracingConfig.DEFAULT_SERVICE_NAME));
    }

    /** Empty or blank is "off", anything else must be an absolute http(s) URL. */
    private Optional<URI> otlpEndpoint(String key, RawValue value) {
        if (value instanceof RawValue.Scalar s && !s.isNull() && s.text().isBlank()) {
            return Optional.empty();
        }
        return reader.httpUrl(key, value);
    }

    private Optional<LogFormat> logFormat(String key, RawValue value) {
        String expected = "text or json";
        return reader.text(key, value, expected)
                .flatMap(text -> LogFormat.parse(text).or(() -> reader.fail(key, expected, value)));
    }

    private Optional<Integer> port(String key, RawValue value) {
        return reader.integer(key, value, 0, 65535);
    }

    private Optional<String> host(String key, RawValue value) {
        return new ValueReader(problems)
                .nonBlank(key, value, "a host name or IP address")
                .map(String::strip);
    }
}
