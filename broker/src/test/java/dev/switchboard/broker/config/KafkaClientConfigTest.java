package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka.client} (docs/configuration.md): raw properties for every client, checked at load with Kafka's own
 * definitions and config providers, so that a bad value or an unreadable secret file is a configuration error
 * naming the key, never a client failing later, and never a message holding the secret.
 */
class KafkaClientConfigTest {
    private static final String SECRET = "canary-s3cr3t-7f1d";
    private static final String PROVIDERS = """
              client:
                config.providers: file
                config.providers.file.class: org.apache.kafka.common.config.provider.FileConfigProvider
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void clientPropertiesReachEveryClientUnderTheirOwn() throws Exception {
        ServerConfig config = load("""
                kafka:
                  bootstrapServers: kafka:9093
                  client:
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                    request.timeout.ms: "20000"
                  producer:
                    request.timeout.ms: "15000"
                  consumer:
                    session.timeout.ms: "45000"
                """);

        KafkaConfig kafka = config.kafka();
        assertThat(kafka.client()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.producerProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("request.timeout.ms", "15000");
        assertThat(kafka.consumerProperties())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("request.timeout.ms", "20000")
                .containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void unknownSecurityProtocolIsAnErrorNamingTheKey() throws Exception {
        String message = errors("""
                kafka:
                  bootstrapServers: kafka:9093
                  client:
                    security.protocol: FOO
                """);

        assertThat(message)
                .contains("kafka.client.security.protocol: Invalid value FOO for configuration security.protocol")
                .contains("SASL_SSL");
    }

    @Test
    void unknownSaslMechanismIsAnErrorNamingTheKey() throws Exception {
        assertThat(errors("""
                        kafka:
                          bootstrapServers: kafka:9093
                          consumer:
                            sasl.mechanism: SCRAM-SHA-1
                        """))
                .contains("kafka.consumer.sasl.mechanism: 'SCRAM-SHA-1' is not a SASL mechanism Kafka implements");
    }

    @Test
    void environmentSetsClientPropertiesOneByOne() throws Exception {
        ServerConfig config = loader.load(
                Optional.empty(),
                Map.of(
                        "SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS", "kafka:9093",
                        "SWITCHBOARD_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                        "SWITCHBOARD_KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PEM"),
                Map.of());

        assertThat(config.kafka().client())
                .containsOnly(Map.entry("security.protocol", "SSL"), Map.entry("ssl.truststore.type", "PEM"));
    }

    @Test
    void configProviderReferencesAreResolvedAtLoadWithoutKeepingTheSecret() throws Exception {
        Path secrets = dir.resolve("kafka.properties");
        Files.writeString(secrets, "password=" + SECRET + "\n");
        ServerConfig config = load("""
                kafka:
                  bootstrapServers: kafka:9093
                %s
                    security.protocol: SASL_SSL
                    sasl.mechanism: PLAIN
                    sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${file:%s:password}";
                """.formatted(PROVIDERS.stripTrailing(), secrets));

        // the clients resolve the reference themselves: the config keeps the reference, not the secret
        assertThat(config.kafka().client().get("sasl.jaas.config"))
                .contains("${file:")
                .doesNotContain(SECRET);
        assertThat(config.kafka().toString()).contains("sasl.jaas.config").doesNotContain("${file:");
    }

    @Test
    void unreadableSecretFileIsAnErrorNamingTheFile() throws Exception {
        Path missing = dir.resolve("absent.properties");
        String message = errors("""
                kafka:
                  bootstrapServers: kafka:9093
                %s
                    sasl.jaas.config: x required password="${file:%s:password}";
                """.formatted(PROVIDERS.stripTrailing(), missing));

        assertThat(message)
                .contains("kafka.client.config.providers: cannot resolve a config provider reference")
                .contains("Could not read properties from file " + missing);
    }

    @Test
    void referenceToAMissingKeyIsAnErrorWithoutTheFileContents() throws Exception {
        Path secrets = dir.resolve("kafka.properties");
        Files.writeString(secrets, "password=" + SECRET + "\n");
        String message = errors("""
                kafka:
                  bootstrapServers: kafka:9093
                %s
                    ssl.key.password: ${file:%s:pasword}
                """.formatted(PROVIDERS.stripTrailing(), secrets));

        assertThat(message)
                .contains("kafka.client.ssl.key.password: config provider reference ${file:" + secrets
                        + ":pasword} names a key its file does not hold")
                .doesNotContain(SECRET);
    }

    @Test
    void nonNumericValueIsAnErrorNamingTheKey() throws Exception {
        String message = errors("""
                kafka:
                  bootstrapServers: kafka:9093
                  client:
                    request.timeout.ms: soon
                """);

        assertThat(message).contains("kafka.client.request.timeout.ms: Invalid value soon");
    }

    @Test
    void embeddedKafkaRefusesASecuredProtocol() throws Exception {
        assertThat(errors("""
                        kafka:
                          client:
                            security.protocol: SASL_SSL
                        """))
                .contains("kafka.client.security.protocol: the embedded Kafka listens PLAINTEXT on loopback only");
    }

    private ServerConfig load(String yaml) throws IOException, ConfigException {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        return loader.load(Optional.of(file), Map.of(), Map.of());
    }

    private String errors(String yaml) throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
        assertThat(e).as("expected a configuration error").isNotNull();
        return e.getMessage();
    }
}
