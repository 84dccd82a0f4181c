package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.broker.config.ConfigException;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes server configs load with the server's own {@link ConfigLoader} (which checks the Kafka properties
 * with Kafka's definitions and resolves their config providers), and the Strimzi example's Kafka credentials are
 * wired end to end: every {@code ${dir:FOLDER:KEY}} reference and file path in its environment names a file that
 * its projected Secrets put into the mounted folder, the Secrets are the ones Strimzi writes for its KafkaUser and
 * cluster, and the SASL mechanism is the user's.
 */
class KafkaCredentialsWiringTest {

    private static final Path DEPLOY = DeployFiles.dir();
    private static final Pattern DIR_REFERENCE = Pattern.compile("\\$\\{dir:([^:}]+):([^}]+)}");

    private record Rendered(List<ObjectNode> manifests, JsonNode pod, JsonNode container) {
        static Rendered of(String folder) {
            List<ObjectNode> manifests = KustomizeBuild.render(DEPLOY.resolve(folder));
            JsonNode pod = Manifests.only(manifests, "StatefulSet").at("/spec/template/spec");
            return new Rendered(manifests, pod, pod.at("/containers/0"));
        }

        Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            container
                    .get("env")
                    .forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
            return env;
        }

        String mountOf(String volume) {
            for (JsonNode mount : container.get("volumeMounts")) {
                if (mount.get("name").asText().equals(volume)) {
                    return mount.get("mountPath").asText();
                }
            }
            throw new AssertionError("no mount of " + volume);
        }

        JsonNode projectedSources(String volume) {
            for (JsonNode v : pod.get("volumes")) {
                if (v.get("name").asText().equals(volume)) {
                    return v.at("/projected/sources");
                }
            }
            throw new AssertionError("no volume " + volume);
        }

        ServerConfig load(Path configFile, Map<String, String> environment) throws ConfigException, IOException {
            Files.writeString(configFile, ServerConfigText.text(manifests, pod));
            return new ConfigLoader().load(Optional.of(configFile), environment, Map.of());
        }
    }

    private static final Rendered BASE = Rendered.of("kubernetes");
    private static final Rendered STRIMZI = Rendered.of("kubernetes-examples/strimzi-scram");

    @Test
    void baseConfigLoadsWithTheServersLoaderAndGivesEveryConsumerTheSessionTimeout(@TempDir Path dir) throws Exception {
        ServerConfig config = BASE.load(dir.resolve("switchboard.yaml"), BASE.environment());

        assertThat(config.warnings()).isEmpty();
        assertThat(config.kafka().embedded()).isFalse();
        assertThat(config.kafka().consumerProperties())
                .containsEntry("session.timeout.ms", "10000")
                .containsEntry("heartbeat.interval.ms", "3000");
        assertThat(config.kafka().client()).as("unauthenticated by default").isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of(BASE.mountOf("data")));
    }

    @Test
    void strimziExampleReferencesOnlyFilesItsProjectedSecretsProvide() {
        String folder = STRIMZI.mountOf("kafka-credentials");
        List<String> files = new ArrayList<>();
        STRIMZI.projectedSources("kafka-credentials").forEach(source -> {
            assertThat(source.at("/secret/items"))
                    .as("items name the files: %s", source)
                    .isNotEmpty();
            source.at("/secret/items")
                    .forEach(item -> files.add(item.get("path").asText()));
        });
        List<String> referenced = new ArrayList<>();
        STRIMZI.environment().forEach((name, value) -> {
            Matcher reference = DIR_REFERENCE.matcher(value);
            while (reference.find()) {
                assertThat(reference.group(1)).as(name).isEqualTo(folder);
                referenced.add(reference.group(2));
            }
            if (value.startsWith(folder + "/")) {
                referenced.add(value.substring(folder.length() + 1));
            }
        });
        assertThat(referenced).containsExactlyInAnyOrder("sasl.jaas.config", "ca.crt");
        assertThat(files).containsAll(referenced);
        assertThat(STRIMZI.environment())
                .containsEntry("SWITCHBOARD_KAFKA_CLIENT_CONFIG_PROVIDERS", "dir")
                .containsEntry(
                        "SWITCHBOARD_KAFKA_CLIENT_CONFIG_PROVIDERS_DIR_CLASS",
                        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    }

    @Test
    void strimziExampleUsesTheSecretsStrimziWritesForItsUserAndCluster() {
        JsonNode user = Manifests.only(STRIMZI.manifests(), "KafkaUser");
        String cluster = user.at("/metadata/labels/strimzi.io~1cluster").asText();
        JsonNode sources = STRIMZI.projectedSources("kafka-credentials");

        assertThat(sources.at("/0/secret/name").asText())
                .isEqualTo(user.at("/metadata/name").asText());
        assertThat(sources.at("/0/secret/items/0/key").asText()).isEqualTo("sasl.jaas.config");
        assertThat(sources.at("/1/secret/name").asText()).isEqualTo(cluster + "-cluster-ca-cert");
        assertThat(sources.at("/1/secret/items/0/key").asText()).isEqualTo("ca.crt");
        assertThat(user.at("/spec/authentication/type").asText().toUpperCase())
                .isEqualTo(STRIMZI.environment().get("SWITCHBOARD_KAFKA_CLIENT_SASL_MECHANISM"));
        assertThat(STRIMZI.environment().get("SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS"))
                .isEqualTo(cluster + "-kafka-bootstrap:9093");
        assertThat(user.at("/metadata/namespace").asText())
                .as("Secrets are mounted from the pod's own namespace")
                .isEqualTo(Manifests.only(STRIMZI.manifests(), "StatefulSet")
                        .at("/metadata/namespace")
                        .asText());
    }

    @Test
    void strimziExampleLoadsWithTheServersLoaderWhenTheSecretsAreMounted(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("kafka"));
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"switchboard\""
                + " password=\"canary-5e1f\";";
        Files.writeString(folder.resolve("sasl.jaas.config"), jaas);
        Files.writeString(folder.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");

        ServerConfig config = STRIMZI.load(dir.resolve("switchboard.yaml"), mountedAt(folder));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("my-cluster-kafka-bootstrap:9093");
        assertThat(config.kafka().client())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "${dir:" + folder + ":sasl.jaas.config}")
                .containsEntry("ssl.truststore.location", folder + "/ca.crt");
        assertThat(config.kafka().consumerProperties()).containsEntry("session.timeout.ms", "10000");
        assertThat(config.kafka().toString()).doesNotContain("canary-5e1f");
    }

    @Test
    void strimziExampleWithoutTheUsersSecretStopsWithAnErrorNamingTheReference(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("kafka"));

        assertThatThrownBy(() -> STRIMZI.load(dir.resolve("switchboard.yaml"), mountedAt(folder)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.client.sasl.jaas.config")
                .hasMessageContaining("${dir:" + folder + ":sasl.jaas.config}");
    }

    /** The example's environment with its credentials folder moved to {@code folder}, as the kubelet would mount it. */
    private static Map<String, String> mountedAt(Path folder) {
        String mount = STRIMZI.mountOf("kafka-credentials");
        Map<String, String> env = new HashMap<>();
        STRIMZI.environment().forEach((name, value) -> env.put(name, value.replace(mount, folder.toString())));
        return env;
    }
}
