package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/compose.yaml} talks to its Kafka without credentials; {@code deploy/compose.sasl.yaml}, merged over
 * it as {@code docker compose -f compose.yaml -f compose.sasl.yaml} merges, gives Kafka a SASL listener and
 * Switchboard its credentials as a Docker secret: the bootstrap address is that listener, the protocol and
 * mechanism are the ones it offers, every {@code ${file:...}} reference names a secret of the service and a key of
 * its file, the broker knows that user with that password, {@code $} is escaped from compose's own interpolation,
 * and the resulting environment loads with the server's own {@link ConfigLoader}.
 */
class ComposeKafkaCredentialsTest {

    private static final Path DEPLOY = DeployFiles.dir();
    private static final Path OVERRIDE = DEPLOY.resolve("compose.sasl.yaml");
    private static final JsonNode BASE = DeployFiles.yaml(DEPLOY.resolve("compose.yaml"));
    private static final JsonNode MERGED = merge(BASE.deepCopy(), DeployFiles.yaml(OVERRIDE));
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:/run/secrets/([^:}]+):([^}]+)}");

    @Test
    void theDefaultComposeFileUsesNoCredentials() {
        assertThat(BASE.at("/services/switchboard/environment").toString()).doesNotContain("SWITCHBOARD_KAFKA_CLIENT");
        assertThat(BASE.has("secrets")).isFalse();
    }

    @Test
    void switchboardReachesTheSaslListenerWithTheProtocolAndMechanismItOffers() {
        JsonNode kafka = MERGED.at("/services/kafka/environment");
        Map<String, String> client = environment();
        String bootstrap = client.get("SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS");
        String listener = null;
        for (String advertised :
                kafka.get("KAFKA_ADVERTISED_LISTENERS").asText().split(",")) {
            if (advertised.endsWith("://" + bootstrap)) {
                listener = advertised.substring(0, advertised.indexOf("://"));
            }
        }
        assertThat(listener).as("an advertised listener at " + bootstrap).isNotNull();
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(","))
                .contains(listener + ":" + client.get("SWITCHBOARD_KAFKA_CLIENT_SECURITY_PROTOCOL"));
        String mechanism = client.get("SWITCHBOARD_KAFKA_CLIENT_SASL_MECHANISM");
        assertThat(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS").asText().split(","))
                .contains(mechanism);
        assertThat(kafka.has("KAFKA_LISTENER_NAME_" + listener + "_" + mechanism + "_SASL_JAAS_CONFIG"))
                .isTrue();
        assertThat(kafka.get("KAFKA_LISTENERS").asText()).contains(listener + "://");
    }

    @Test
    void credentialsComeFromTheSecretFileWhoseUserTheBrokerKnows() throws IOException {
        Properties secret = secretFile();
        String jaas = environment().get("SWITCHBOARD_KAFKA_CLIENT_SASL_JAAS_CONFIG");
        Matcher reference = FILE_REFERENCE.matcher(jaas);
        int references = 0;
        while (reference.find()) {
            references++;
            assertThat(DeployFiles.strings(MERGED.at("/services/switchboard/secrets")))
                    .contains(reference.group(1));
            assertThat(secret).containsKey(reference.group(2));
        }
        assertThat(references).isEqualTo(2);
        assertThat(jaas).doesNotContain(secret.getProperty("password"));

        String users = MERGED.at("/services/kafka/environment/KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG")
                .asText();
        assertThat(users)
                .contains("user_" + secret.getProperty("username") + "=\"" + secret.getProperty("password") + "\"");
    }

    @Test
    void everyDollarIsEscapedFromComposeInterpolation() throws IOException {
        List<String> unescaped = Files.readAllLines(OVERRIDE).stream()
                .filter(line -> !line.strip().startsWith("#"))
                .filter(line -> Pattern.compile("(?<!\\$)\\$\\{").matcher(line).find())
                .toList();
        assertThat(unescaped).as("compose would replace ${...} itself").isEmpty();
    }

    @Test
    void theMergedEnvironmentLoadsWithTheServersLoader(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("kafka-client");
        Files.copy(secretPath(), secret);
        Map<String, String> env = new HashMap<>();
        environment()
                .forEach((name, value) -> env.put(name, value.replace("/run/secrets/kafka-client", secret.toString())));

        ServerConfig config = new ConfigLoader().load(Optional.empty(), env, Map.of());

        assertThat(config.kafka().client())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.kafka().replicationFactor()).isEqualTo(1);
        assertThat(config.kafka().toString()).doesNotContain(secretFile().getProperty("password"));
    }

    /** Switchboard's environment after the merge, as the container gets it ({@code $$} is compose's {@code $}). */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        MERGED.at("/services/switchboard/environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText().replace("$$", "$")));
        return env;
    }

    private static Path secretPath() {
        String file = MERGED.at("/secrets/kafka-client/file").asText();
        assertThat(file).as("relative to deploy/, the folder of compose.yaml").startsWith("./");
        return DEPLOY.resolve(file);
    }

    private static Properties secretFile() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(secretPath())) {
            properties.load(reader);
        }
        return properties;
    }

    /** Compose's merge of a later file: mappings merged key by key, sequences (secrets, volumes) appended. */
    private static JsonNode merge(ObjectNode target, JsonNode override) {
        override.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                merge(object, e.getValue());
            } else if (existing instanceof ArrayNode array && e.getValue().isArray()) {
                array.addAll((ArrayNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
        return target;
    }
}
