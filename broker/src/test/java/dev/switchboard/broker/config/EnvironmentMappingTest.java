package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/cli.md, docs/configuration.md: {@code SWITCHBOARD_<KEY>} for every config key, camelCase folded, segments joined by _. */
class EnvironmentMappingTest {

    private final ConfigLoader loader = new ConfigLoader();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ingress.port, SWITCHBOARD_INGRESS_PORT",
        "ingress.maxEventBytes, SWITCHBOARD_INGRESS_MAXEVENTBYTES",
        "ingress.maxInFlight, SWITCHBOARD_INGRESS_MAXINFLIGHT",
        "ingress.requestTimeout, SWITCHBOARD_INGRESS_REQUESTTIMEOUT",
        "ingress.maxConnections, SWITCHBOARD_INGRESS_MAXCONNECTIONS",
        "dataDir, SWITCHBOARD_DATADIR",
        "resources, SWITCHBOARD_RESOURCES",
        "kafka.bootstrapServers, SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS",
        "kafka.minInsyncReplicas, SWITCHBOARD_KAFKA_MININSYNCREPLICAS",
        "metrics.eventTypeTag, SWITCHBOARD_METRICS_EVENTTYPETAG",
        "egress.allow, SWITCHBOARD_EGRESS_ALLOW",
        "auth.oidc.jwksUri, SWITCHBOARD_AUTH_OIDC_JWKSURI",
        "tls.ingress.clientCaFile, SWITCHBOARD_TLS_INGRESS_CLIENTCAFILE",
        "shutdown.drainTimeout, SWITCHBOARD_SHUTDOWN_DRAINTIMEOUT",
        "startup.warmUp, SWITCHBOARD_STARTUP_WARMUP",
    })
    void namesTheVariableAfterThePathUpperCasedAndJoinedByUnderscores(String path, String variable) {
        assertThat(ConfigKey.byPath(path)).map(ConfigKey::envName).contains(variable);
    }

    @Test
    void everyKeyHasADistinctVariable() {
        assertThat(Arrays.stream(ConfigKey.values()).map(ConfigKey::envName))
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("SWITCHBOARD_[A-Z_]+"));
    }

    @Test
    void readsScalarsFromTheirVariables() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_INGRESS_PORT", "8081",
                        "SWITCHBOARD_INGRESS_MAXEVENTBYTES", "2097152",
                        "SWITCHBOARD_DATADIR", "/tmp/sb",
                        "SWITCHBOARD_METRICS_EVENTTYPETAG", "true",
                        "SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS", "host:9092"),
                Map.of());

        assertThat(config.ingress().port()).isEqualTo(8081);
        assertThat(config.ingress().maxEventBytes()).isEqualTo(2_097_152);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/sb"));
        assertThat(config.metrics().eventTypeTag()).isTrue();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("host:9092");
    }

    @Test
    void splitsListsOnCommas() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_RESOURCES", "a, b/c.yaml",
                        "SWITCHBOARD_EGRESS_ALLOW", "169.254.169.254/32,fe80::/10",
                        "SWITCHBOARD_EGRESS_DENY", "10.0.0.0/8"),
                Map.of());

        assertThat(config.resources()).containsExactly(Path.of("a"), Path.of("b/c.yaml"));
        assertThat(config.egress().allow()).containsExactly(Cidr.parse("169.254.169.254/32"), Cidr.parse("fe80::/10"));
        assertThat(config.egress().deny()).containsExactly(Cidr.parse("10.0.0.0/8"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS, linger.ms, 5",
        "SWITCHBOARD_KAFKA_PRODUCER_COMPRESSION_TYPE, compression.type, zstd",
        "SWITCHBOARD_KAFKA_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, max.in.flight.requests.per.connection, 5",
    })
    void mapsProducerVariablesToLowerCaseDottedProperties(String variable, String property, String value)
            throws Exception {
        KafkaConfig kafka =
                loader.load(Optional.empty(), Map.of(variable, value), Map.of()).kafka();

        assertThat(kafka.producer()).containsOnly(Map.entry(property, value));
        assertThat(kafka.consumer()).isEmpty();
    }

    @Test
    void mapsConsumerVariablesToConsumerProperties() throws Exception {
        KafkaConfig kafka = loader.load(
                        Optional.empty(), Map.of("SWITCHBOARD_KAFKA_CONSUMER_MAX_POLL_RECORDS", "100"), Map.of())
                .kafka();

        assertThat(kafka.consumer()).containsOnly(Map.entry("max.poll.records", "100"));
        assertThat(kafka.producer()).isEmpty();
    }

    @Test
    void readsRefsAsAJsonArray() throws Exception {
        String json =
                "[{\"kind\": \"Service\", \"namespace\": \"default\", \"name\": \"billing\", \"url\": \"http://10.0.0.5:8080\"}]";

        ServerConfig config = loader.load(Optional.empty(), Map.of("SWITCHBOARD_REFS", json), Map.of());

        assertThat(config.refs())
                .containsExactly(new RefMapping("Service", "default", "billing", URI.create("http://10.0.0.5:8080")));
        assertThat(config.resolveRef("Service", "default", "billing")).contains(URI.create("http://10.0.0.5:8080"));
    }

    @Test
    void malformedRefsJsonNamesTheVariable() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("SWITCHBOARD_REFS", "[{\"kind\": "), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refs: malformed YAML")
                .hasMessageContaining("(from environment variable SWITCHBOARD_REFS)");
    }

    @Test
    void readsAuthAndTlsFromTheirVariables() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_AUTH_TOKENSFILE", "tokens.yaml",
                        "SWITCHBOARD_AUTH_OIDC_ISSUER", "https://issuer.example",
                        "SWITCHBOARD_AUTH_OIDC_JWKSFILE", "jwks.json",
                        "SWITCHBOARD_TLS_OPS_CERTFILE", "ops.crt",
                        "SWITCHBOARD_TLS_OPS_KEYFILE", "ops.key"),
                Map.of());

        assertThat(config.auth().tokensFile()).contains(Path.of("tokens.yaml"));
        assertThat(config.auth().oidc())
                .contains(new OidcConfig(
                        URI.create("https://issuer.example"),
                        Optional.empty(),
                        Optional.of(Path.of("jwks.json")),
                        Duration.ofSeconds(30)));
        assertThat(config.tls().ops()).contains(new TlsFiles(Path.of("ops.crt"), Path.of("ops.key"), Optional.empty()));
        assertThat(config.tls().ingress()).isEmpty();
    }

    @Test
    void unknownSwitchboardVariablesAreWarningsNotFailures() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_INGRES_PORT",
                        "1",
                        "SWITCHBOARD_KAFKA_PRODUCER",
                        "x",
                        "SWITCHBOARD_INGRESS_PORT",
                        "1"),
                Map.of());

        assertThat(config.ingress().port()).isEqualTo(1);
        assertThat(config.warnings())
                .containsExactly(
                        "SWITCHBOARD_INGRES_PORT: not a configuration variable, ignored",
                        "SWITCHBOARD_KAFKA_PRODUCER: not a configuration variable, ignored");
    }

    @Test
    void ignoresOtherVariablesAndTakesTheConfigVariableForNoKey() throws Exception {
        Path file = Files.writeString(Files.createTempFile("switchboard", ".yaml"), "{}\n");
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of("PATH", "/usr/bin", "SWITCHBOARD_CONFIG", file.toString(), "switchboard_ingress_port", "1"),
                Map.of());
        Files.delete(file);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.ingress().port()).isEqualTo(8080);
    }

    @Test
    void unknownFlagKeyIsAnError() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(), Map.of("ingress.prot", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ingress.prot: not a configuration key (from flag ingress.prot)");
    }
}
