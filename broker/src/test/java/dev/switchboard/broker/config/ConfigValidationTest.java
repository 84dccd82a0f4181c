package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule of the server config reports the key, the problem and, for the file, line:column. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    static Stream<Arguments> fileErrors() {
        return Stream.of(
                // name, YAML, expected message ("F" stands for the file's path)
                row(
                        "rejectsNonIntegerPort",
                        "ingress:\n  port: abc\n",
                        "F:2:9: ingress.port: expected an integer 0..65535, got 'abc'"),
                row(
                        "rejectsPortAbove65535",
                        "ingress: {port: 70000}\n",
                        "F:1:17: ingress.port: expected an integer 0..65535, got '70000'"),
                row(
                        "rejectsNegativePort",
                        "ops:\n  port: -1\n",
                        "F:2:9: ops.port: expected an integer 0..65535, got '-1'"),
                row(
                        "rejectsPortAsList",
                        "ops:\n  port: [1]\n",
                        "F:2:9: ops.port: expected an integer 0..65535, got a list"),
                row(
                        "rejectsMaxInFlightZero",
                        "ingress:\n  maxInFlight: 0\n",
                        "F:2:16: ingress.maxInFlight: expected an integer 1..2147483647, got '0'"),
                row(
                        "rejectsMaxConnectionsZero",
                        "ingress:\n  maxConnections: 0\n",
                        "F:2:19: ingress.maxConnections: expected an integer 1..2147483647, got '0'"),
                row(
                        "rejectsMaxEventBytesZero",
                        "ingress:\n  maxEventBytes: 0\n",
                        "F:2:18: ingress.maxEventBytes: expected an integer 1..2147483647, got '0'"),
                row(
                        "rejectsEmptyHost",
                        "ingress: {host: ''}\n",
                        "F:1:17: ingress.host: expected a host name or IP address, got ''"),
                row(
                        "rejectsPartitionsZero",
                        "kafka:\n  partitions: 0\n",
                        "F:2:15: kafka.partitions: expected an integer 1..2147483647, got '0'"),
                row(
                        "rejectsReplicationFactorZero",
                        "kafka:\n  bootstrapServers: k:9092\n  replicationFactor: 0\n",
                        "F:3:22: kafka.replicationFactor: expected an integer 1..32767, got '0'"),
                row(
                        "rejectsMinInsyncAboveReplicationFactor",
                        "kafka:\n  bootstrapServers: k:9092\n  replicationFactor: 2\n  minInsyncReplicas: 3\n",
                        "F:4:22: kafka.minInsyncReplicas: must be between 1 and kafka.replicationFactor (2), got 3"),
                row(
                        "rejectsMinInsyncZero",
                        "kafka:\n  minInsyncReplicas: 0\n",
                        "F:2:22: kafka.minInsyncReplicas: expected an integer 1..32767, got '0'"),
                row(
                        "rejectsReplicationFactorAboveOneForEmbeddedKafka",
                        "kafka:\n  replicationFactor: 3\n",
                        "F:2:22: kafka.replicationFactor: the embedded Kafka has a single node, so it must be 1"
                                + " (set kafka.bootstrapServers for a cluster), got 3"),
                row(
                        "rejectsBootstrapWithoutPort",
                        "kafka: {bootstrapServers: 'a:9092,nohost'}\n",
                        "F:1:27: kafka.bootstrapServers: expected host:port[,host:port...] or empty for the embedded"
                                + " Kafka, got 'a:9092,nohost'"),
                row(
                        "rejectsDurationWithoutIsoForm",
                        "ingress:\n  requestTimeout: 10s\n",
                        "F:2:19: ingress.requestTimeout: expected a positive ISO-8601 duration such as PT10S, got '10s'"),
                row(
                        "rejectsDurationWithYears",
                        "shutdown:\n  drainTimeout: P1Y\n",
                        "F:2:17: shutdown.drainTimeout: expected a non-negative ISO-8601 duration such as PT10S,"
                                + " got 'P1Y'"),
                row(
                        "rejectsZeroIdleTimeout",
                        "ingress:\n  idleTimeout: PT0S\n",
                        "F:2:16: ingress.idleTimeout: expected a positive ISO-8601 duration such as PT10S, got 'PT0S'"),
                row(
                        "rejectsNegativeClockSkew",
                        "auth:\n  oidc: {issuer: 'https://i', jwksUri: 'https://i/k', clockSkew: PT-1S}\n",
                        "F:2:66: auth.oidc.clockSkew: expected a non-negative ISO-8601 duration such as PT10S,"
                                + " got 'PT-1S'"),
                row(
                        "rejectsBooleanOtherThanTrueOrFalse",
                        "metrics: {eventTypeTag: yes}\n",
                        "F:1:25: metrics.eventTypeTag: expected true or false, got 'yes'"),
                row(
                        "rejectsInvalidIpv4Cidr",
                        "egress:\n  allow: [10.0.0.0/8, 300.1.1.1/8]\n",
                        "F:2:23: egress.allow[1]: expected a CIDR such as 10.0.0.0/8 or fe80::/10 (not an IPv4 or"
                                + " IPv6 address: '300.1.1.1'), got '300.1.1.1/8'"),
                row(
                        "rejectsIpv6PrefixAbove128",
                        "egress:\n  deny: ['fe80::/129']\n",
                        "F:2:10: egress.deny[0]: expected a CIDR such as 10.0.0.0/8 or fe80::/10 (prefix length"
                                + " must be 0..128, got 129), got 'fe80::/129'"),
                row(
                        "rejectsHostNameAsCidr",
                        "egress:\n  deny: [metadata.google.internal]\n",
                        "F:2:10: egress.deny[0]: expected a CIDR such as 10.0.0.0/8 or fe80::/10 (not an IPv4 or"
                                + " IPv6 address: 'metadata.google.internal'), got 'metadata.google.internal'"),
                row(
                        "rejectsEgressAsScalar",
                        "egress: {allow: 10.0.0.0/8}\n",
                        "F:1:17: egress.allow: expected a list, got '10.0.0.0/8'"),
                row("rejectsResourcesAsScalar", "resources: ./x\n", "F:1:12: resources: expected a list, got './x'"),
                row(
                        "rejectsRefWithoutUrl",
                        "refs:\n  - {kind: Service, namespace: default, name: billing}\n",
                        "F:2:5: refs[0]: missing key 'url'"),
                row(
                        "rejectsRefWithRelativeUrl",
                        "refs:\n  - {kind: Service, namespace: default, name: billing, url: /billing}\n",
                        "F:2:61: refs[0].url: expected an absolute http(s) URL, got '/billing'"),
                row(
                        "rejectsRefWithNonHttpUrl",
                        "refs:\n  - {kind: Service, namespace: default, name: b, url: 'ftp://h/x'}\n",
                        "F:2:55: refs[0].url: expected an absolute http(s) URL, got 'ftp://h/x'"),
                row(
                        "rejectsRefWithUnknownKey",
                        "refs:\n  - {kind: Service, namespace: d, name: b, url: 'http://h', apiVersion: v1}\n",
                        "F:2:61: refs[0].apiVersion: unknown key (known here: kind, namespace, name, url)"),
                row(
                        "rejectsRefWithEmptyName",
                        "refs:\n  - {kind: Service, namespace: d, name: '', url: 'http://h'}\n",
                        "F:2:41: refs[0].name: expected a name, got ''"),
                row(
                        "rejectsRefThatIsNotAMapping",
                        "refs: [billing]\n",
                        "F:1:8: refs[0]: expected a mapping with kind, namespace, name and url, got 'billing'"),
                row(
                        "rejectsTheSameRefTwice",
                        "refs:\n  - {kind: S, namespace: d, name: b, url: 'http://h1'}\n"
                                + "  - {kind: S, namespace: d, name: b, url: 'http://h2'}\n",
                        "F:2:3: refs[1]: maps S d/b again (first at refs[0])"),
                row(
                        "rejectsOidcWithoutIssuer",
                        "auth:\n  oidc:\n    jwksFile: jwks.json\n",
                        "F:3:15: auth.oidc.issuer: required when auth.oidc is configured"),
                row(
                        "rejectsOidcWithoutKeys",
                        "auth:\n  oidc:\n    issuer: https://issuer\n",
                        "F:3:13: auth.oidc.jwksUri: one of auth.oidc.jwksUri and auth.oidc.jwksFile is required"
                                + " when auth.oidc is configured"),
                row(
                        "rejectsOidcWithBothKeySources",
                        "auth:\n  oidc: {issuer: 'https://i', jwksUri: 'https://i/k', jwksFile: k.json}\n",
                        "F:2:65: auth.oidc.jwksFile: set only one of auth.oidc.jwksUri and auth.oidc.jwksFile"),
                row(
                        "rejectsOidcIssuerThatIsNotAUrl",
                        "auth:\n  oidc: {issuer: issuer, jwksFile: k.json}\n",
                        "F:2:18: auth.oidc.issuer: expected an absolute http(s) URL, got 'issuer'"),
                row(
                        "rejectsTlsWithoutKeyFile",
                        "tls:\n  ingress: {certFile: c.pem}\n",
                        "F:2:23: tls.ingress.keyFile: required when tls.ingress is configured"),
                row(
                        "rejectsClientCaOnOps",
                        "tls:\n  ops: {certFile: c.pem, keyFile: k.pem, clientCaFile: ca.pem}\n",
                        "F:2:42: tls.ops.clientCaFile: unknown key (known here: certFile, keyFile)"),
                row(
                        "rejectsUnknownTopLevelKey",
                        "ingres:\n  port: 1\n",
                        "F:1:1: ingres: unknown key (known here: auth, dataDir, egress, egressAuth, ingress, kafka, logging,"
                                + " metrics, ops, refs, resources, shutdown, startup, tls, tracing)"),
                row(
                        "rejectsUnknownNestedKey",
                        "ingress:\n  prot: 1\n",
                        "F:2:3: ingress.prot: unknown key (known here: host, idleTimeout, maxConnections,"
                                + " maxEventBytes, maxInFlight, port, requestTimeout)"),
                row(
                        "rejectsSectionThatIsNotAMapping",
                        "ingress: 8080\n",
                        "F:1:10: ingress: expected a mapping, got '8080'"),
                row("rejectsDuplicateKey", "ops:\n  port: 1\n  port: 2\n", "F:3:3: ops.port: duplicate key"),
                row(
                        "rejectsNestedKafkaPropertyValue",
                        "kafka:\n  producer:\n    linger: {ms: 5}\n",
                        "F:3:13: kafka.producer.linger: expected a property value, got a mapping"),
                row(
                        "rejectsKafkaPropertiesAsList",
                        "kafka:\n  consumer: [a]\n",
                        "F:2:13: kafka.consumer: expected a mapping of Kafka properties, got a list"),
                row(
                        "rejectsOtlpEndpointThatIsNotAUrl",
                        "tracing:\n  otlpEndpoint: collector:4318\n",
                        "F:2:17: tracing.otlpEndpoint: expected an absolute http(s) URL, got 'collector:4318'"),
                row(
                        "rejectsSampleRatioAboveOne",
                        "tracing: {sampleRatio: 1.5}\n",
                        "F:1:24: tracing.sampleRatio: expected a number from 0 to 1, got '1.5'"),
                row(
                        "rejectsSampleRatioThatIsNotANumber",
                        "tracing: {sampleRatio: half}\n",
                        "F:1:24: tracing.sampleRatio: expected a number from 0 to 1, got 'half'"),
                row(
                        "rejectsBlankServiceName",
                        "tracing: {serviceName: ' '}\n",
                        "F:1:24: tracing.serviceName: expected a service name, got ' '"),
                row(
                        "rejectsTopLevelList",
                        "- ingress\n",
                        "F:1:1: expected a mapping of configuration keys, got a list"));
    }

    private static Arguments row(String name, String yaml, String message) {
        return Arguments.of(name, yaml, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileErrors")
    void reportsFileErrorWithKeyAndPosition(String name, String yaml, String expected) throws IOException {
        Path file = write(yaml);

        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> loader.load(Optional.of(file), Map.of(), Map.of()));

        assertThat(e).as("no ConfigException for %s", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected.replace("F:", file + ":"));
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void reportsMalformedYamlAtItsPosition() throws IOException {
        Path file = write("ingress: {port: 1\nops: [\n");

        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2:4: malformed YAML: expected ',' or '}'");
    }

    @Test
    void reportsAMissingFile() {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": config file not found");
    }

    @Test
    void reportsAnUnreadableFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));

        assertThatThrownBy(() -> loader.load(Optional.of(folder), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(folder + ": cannot read config file: ");
    }

    @Test
    void reportsAFileThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'d', 'a', 't', 'a', 'D', 'i', 'r', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": config file is not UTF-8 text");
    }

    @Test
    void acceptsAnEmptyFileAsAllDefaults() throws Exception {
        Path file = write("# nothing set\n");

        assertThat(loader.load(Optional.of(file), Map.of(), Map.of()).ingress().port())
                .isEqualTo(8080);
    }

    @Test
    void acceptsNullValuesAsUnset() throws Exception {
        Path file = write("ingress:\n  port:\nops: ~\n");

        ServerConfig config = loader.load(Optional.of(file), Map.of(), Map.of());

        assertThat(config.ingress().port()).isEqualTo(8080);
        assertThat(config.ops().port()).isEqualTo(9090);
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path file = write("ingress:\n  port: abc\n  maxInFlight: 0\nbogus: 1\n");

        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> loader.load(Optional.of(file), Map.of("SWITCHBOARD_OPS_PORT", "x"), Map.of()));

        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("ingress.port", "ingress.maxInFlight", "bogus", "ops.port");
        assertThat(e.getMessage().lines()).hasSize(4);
    }

    @Test
    void namesTheEnvironmentVariableOfAnInvalidValue() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("SWITCHBOARD_INGRESS_PORT", "abc"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ingress.port: expected an integer 0..65535, got 'abc'"
                        + " (from environment variable SWITCHBOARD_INGRESS_PORT)");
    }

    @Test
    void namesTheFlagOfAnInvalidValue() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(), Map.of("ops.port", "65536")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ops.port: expected an integer 0..65535, got '65536' (from flag ops.port)");
    }

    @Test
    void anOverridingValidValueHidesAnInvalidFileValue() throws Exception {
        Path file = write("ingress:\n  port: abc\n");

        ServerConfig config = loader.load(Optional.of(file), Map.of(), Map.of("ingress.port", "0"));

        assertThat(config.ingress().port()).isZero();
    }

    @Test
    void acceptsPortZeroAsAnyFreePort() throws Exception {
        ServerConfig config = loader.load(Optional.empty(), Map.of(), Map.of("ingress.port", "0", "ops.port", "0"));

        assertThat(config.ingress().port()).isZero();
        assertThat(config.ops().port()).isZero();
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "switchboard", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
