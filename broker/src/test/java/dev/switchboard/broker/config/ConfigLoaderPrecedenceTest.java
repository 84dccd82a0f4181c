package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/configuration.md: precedence flag &gt; env &gt; file &gt; default, decided per key. */
class ConfigLoaderPrecedenceTest {

    @TempDir
    Path dir;

    /** One key: how it is written in YAML, env and flags, how to read it back, and four distinct values. */
    record Key(
            ConfigKey key,
            Function<ServerConfig, Object> read,
            Object defaultValue,
            String fileYaml,
            Object fileValue,
            String envText,
            Object envValue,
            String flagText,
            Object flagValue) {
        @Override
        public String toString() {
            return key.path();
        }
    }

    static final List<Key> KEYS = List.of(
            new Key(ConfigKey.INGRESS_PORT, c -> c.ingress().port(), 8080, "8081", 8081, "8082", 8082, "0", 0),
            new Key(ConfigKey.OPS_PORT, c -> c.ops().port(), 9090, "9091", 9091, "9092", 9092, "9093", 9093),
            new Key(
                    ConfigKey.INGRESS_HOST,
                    c -> c.ingress().host(),
                    "0.0.0.0",
                    "10.0.0.1",
                    "10.0.0.1",
                    "10.0.0.2",
                    "10.0.0.2",
                    "::1",
                    "::1"),
            new Key(
                    ConfigKey.DATA_DIR,
                    ServerConfig::dataDir,
                    Path.of("./data"),
                    "/var/lib/sb",
                    Path.of("/var/lib/sb"),
                    "/env/data",
                    Path.of("/env/data"),
                    "flagdata",
                    Path.of("flagdata")),
            new Key(
                    ConfigKey.KAFKA_BOOTSTRAP_SERVERS,
                    c -> c.kafka().bootstrapServers(),
                    "",
                    "file:9092",
                    "file:9092",
                    "env:9092",
                    "env:9092",
                    "flag:9092",
                    "flag:9092"),
            new Key(
                    ConfigKey.RESOURCES,
                    ServerConfig::resources,
                    List.of(Path.of("./switchboard.d")),
                    "[f1, f2]",
                    List.of(Path.of("f1"), Path.of("f2")),
                    "e1,e2",
                    List.of(Path.of("e1"), Path.of("e2")),
                    "g1",
                    List.of(Path.of("g1"))),
            new Key(
                    ConfigKey.INGRESS_MAX_EVENT_BYTES,
                    c -> c.ingress().maxEventBytes(),
                    1_048_576,
                    "100000",
                    100000,
                    "200000",
                    200000,
                    "300000",
                    300000),
            new Key(
                    ConfigKey.METRICS_EVENT_TYPE_TAG,
                    c -> c.metrics().eventTypeTag(),
                    false,
                    "true",
                    true,
                    "false",
                    false,
                    "true",
                    true),
            new Key(
                    ConfigKey.INGRESS_REQUEST_TIMEOUT,
                    c -> c.ingress().requestTimeout(),
                    Duration.ofSeconds(10),
                    "PT1S",
                    Duration.ofSeconds(1),
                    "PT2S",
                    Duration.ofSeconds(2),
                    "PT0.5S",
                    Duration.ofMillis(500)),
            new Key(
                    ConfigKey.SHUTDOWN_DRAIN_TIMEOUT,
                    c -> c.shutdown().drainTimeout(),
                    Duration.ofSeconds(20),
                    "PT1M",
                    Duration.ofMinutes(1),
                    "PT2M",
                    Duration.ofMinutes(2),
                    "PT0S",
                    Duration.ZERO),
            new Key(
                    ConfigKey.STARTUP_WARM_UP,
                    c -> c.startup().warmUp(),
                    true,
                    "false",
                    false,
                    "true",
                    true,
                    "false",
                    false),
            new Key(
                    ConfigKey.LOGGING_FORMAT,
                    c -> c.logging().format(),
                    LogFormat.TEXT,
                    "json",
                    LogFormat.JSON,
                    "text",
                    LogFormat.TEXT,
                    "JSON",
                    LogFormat.JSON),
            new Key(
                    ConfigKey.TRACING_OTLP_ENDPOINT,
                    c -> c.tracing().otlpEndpoint(),
                    Optional.empty(),
                    "http://file:4318",
                    Optional.of(java.net.URI.create("http://file:4318")),
                    "https://env:4318",
                    Optional.of(java.net.URI.create("https://env:4318")),
                    "",
                    Optional.empty()),
            new Key(
                    ConfigKey.TRACING_SAMPLE_RATIO,
                    c -> c.tracing().sampleRatio(),
                    1.0,
                    "0.5",
                    0.5,
                    "0.25",
                    0.25,
                    "0",
                    0.0),
            new Key(
                    ConfigKey.TRACING_SERVICE_NAME,
                    c -> c.tracing().serviceName(),
                    "switchboard",
                    "from-file",
                    "from-file",
                    "from-env",
                    "from-env",
                    "from-flag",
                    "from-flag"));

    static Stream<Arguments> combinations() {
        List<Arguments> rows = new ArrayList<>();
        for (Key key : KEYS) {
            for (int mask = 0; mask < 8; mask++) {
                rows.add(Arguments.of(key, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: file={1} env={2} flag={3}")
    @MethodSource("combinations")
    void highestSourceThatSetsTheKeyWins(Key key, boolean inFile, boolean inEnv, boolean inFlag) throws Exception {
        Optional<Path> file = inFile ? Optional.of(yaml(key.key().path(), key.fileYaml())) : Optional.empty();
        Map<String, String> env = inEnv ? Map.of(key.key().envName(), key.envText()) : Map.of();
        Map<String, String> flags = inFlag ? Map.of(key.key().path(), key.flagText()) : Map.of();

        ServerConfig config = new ConfigLoader().load(file, env, flags);

        Object expected =
                inFlag ? key.flagValue() : inEnv ? key.envValue() : inFile ? key.fileValue() : key.defaultValue();
        assertThat(key.read().apply(config)).isEqualTo(expected);
    }

    @Test
    void precedenceIsDecidedPerKeyNotPerSource() throws Exception {
        Path file = write("ingress: {port: 1111, host: 127.0.0.2}\nops: {port: 2222}\ndataDir: /file\n");
        Map<String, String> env = Map.of("SWITCHBOARD_OPS_PORT", "3333", "SWITCHBOARD_INGRESS_PORT", "4444");
        Map<String, String> flags = Map.of("ingress.port", "0");

        ServerConfig config = new ConfigLoader().load(Optional.of(file), env, flags);

        assertThat(config.ingress().port()).isZero();
        assertThat(config.ingress().host()).isEqualTo("127.0.0.2");
        assertThat(config.ops().port()).isEqualTo(3333);
        assertThat(config.dataDir()).isEqualTo(Path.of("/file"));
        assertThat(config.ingress().maxInFlight()).isEqualTo(10_000);
    }

    @Test
    void maxConnectionsComesFromTheEnvironmentOverTheFile() throws Exception {
        Path file = write("ingress: {maxConnections: 50}\n");

        assertThat(new ConfigLoader()
                        .load(Optional.of(file), Map.of(), Map.of())
                        .ingress()
                        .maxConnections())
                .isEqualTo(50);
        assertThat(new ConfigLoader()
                        .load(Optional.of(file), Map.of("SWITCHBOARD_INGRESS_MAXCONNECTIONS", "7"), Map.of())
                        .ingress()
                        .maxConnections())
                .isEqualTo(7);
    }

    @Test
    void kafkaPropertiesMergePerPropertyAcrossSources() throws Exception {
        Path file = write(
                "kafka:\n  producer: {linger.ms: 1, compression.type: zstd}\n  consumer: {max.poll.records: 50}\n");
        Map<String, String> env =
                Map.of("SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS", "5", "SWITCHBOARD_KAFKA_PRODUCER_BATCH_SIZE", "32768");
        Map<String, String> flags = Map.of("kafka.producer.batch.size", "65536");

        KafkaConfig kafka =
                new ConfigLoader().load(Optional.of(file), env, flags).kafka();

        assertThat(kafka.producer())
                .containsOnly(
                        Map.entry("linger.ms", "5"),
                        Map.entry("compression.type", "zstd"),
                        Map.entry("batch.size", "65536"));
        assertThat(kafka.consumer()).containsOnly(Map.entry("max.poll.records", "50"));
    }

    @Test
    void everyDefaultHoldsWhenNothingIsSet() throws Exception {
        ServerConfig config = new ConfigLoader().load(Optional.empty(), Map.of(), Map.of());

        assertThat(config.ingress())
                .isEqualTo(new IngressConfig(
                        "0.0.0.0", 8080, 1_048_576, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(60), 10_000));
        assertThat(config.ops()).isEqualTo(new OpsConfig("127.0.0.1", 9090));
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.resources()).containsExactly(Path.of("./switchboard.d"));
        assertThat(config.defaultResources()).isTrue();
        assertThat(config.kafka()).isEqualTo(new KafkaConfig("", 3, 1, 1, Map.of(), Map.of(), Map.of()));
        assertThat(config.embedded()).isTrue();
        assertThat(config.egress()).isEqualTo(new EgressConfig(List.of(), List.of()));
        assertThat(config.metrics().eventTypeTag()).isFalse();
        assertThat(config.refs()).isEmpty();
        assertThat(config.auth()).isEqualTo(AuthConfig.none());
        assertThat(config.tls()).isEqualTo(TlsConfig.none());
        assertThat(config.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void resourcesSetExplicitlyAreNotTheDefault() throws Exception {
        ServerConfig config =
                new ConfigLoader().load(Optional.empty(), Map.of(), Map.of("resources", "./switchboard.d"));

        assertThat(config.defaultResources()).isFalse();
    }

    @Test
    void emptyEnvironmentListClearsTheFileList() throws Exception {
        Path file = write("egress: {allow: [10.0.0.0/8]}\n");

        ServerConfig config =
                new ConfigLoader().load(Optional.of(file), Map.of("SWITCHBOARD_EGRESS_ALLOW", ""), Map.of());

        assertThat(config.egress().allow()).isEmpty();
    }

    private Path yaml(String path, String value) throws IOException {
        String[] segments = path.split("\\.");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            text.append("  ".repeat(i)).append(segments[i]).append(':');
            text.append(i == segments.length - 1 ? " " + value + "\n" : "\n");
        }
        return write(text.toString());
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "switchboard", ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theFileNamedBySwitchboardConfigIsReadWhenNoConfigFlagIsGiven() throws Exception {
        Path named = Files.writeString(dir.resolve("named.yaml"), "ingress:\n  port: 8181\n");
        Path flagged = Files.writeString(dir.resolve("flagged.yaml"), "ingress:\n  port: 8282\n");
        Map<String, String> environment = Map.of("SWITCHBOARD_CONFIG", named.toString());

        ServerConfig fromEnvironment = new ConfigLoader().load(Optional.empty(), environment, Map.of());
        ServerConfig fromFlag = new ConfigLoader().load(Optional.of(flagged), environment, Map.of());

        assertThat(fromEnvironment.ingress().port()).isEqualTo(8181);
        assertThat(fromEnvironment.warnings()).as("not an unknown variable").isEmpty();
        assertThat(fromFlag.ingress().port()).as("--config wins").isEqualTo(8282);
    }

    @Test
    void aBadFileNamedBySwitchboardConfigIsAnErrorWithItsLine() throws Exception {
        Path named = Files.writeString(dir.resolve("bad.yaml"), "ingress:\n  prot: 8181\n");

        assertThatThrownBy(() -> new ConfigLoader()
                        .load(Optional.empty(), Map.of("SWITCHBOARD_CONFIG", named.toString()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml:2:");
    }
}
