package dev.switchboard.deploy;

import static dev.switchboard.deploy.DeployFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose.yaml} and the files it mounts hold together: the services, ports, health checks and
 * start order, every mounted local file, and that Prometheus scrapes the ops port Switchboard listens on.
 */
class ComposeFileTest {

    private static final Path DEPLOY = DeployFiles.dir();
    private static final JsonNode COMPOSE = DeployFiles.yaml(DEPLOY.resolve("compose.yaml"));
    private static final JsonNode SERVICES = COMPOSE.get("services");

    private record Mount(String service, String source, String target) {}

    @Test
    void runsKafkaSwitchboardTheSampleSubscriberPrometheusAndGrafana() {
        List<String> names = new ArrayList<>();
        SERVICES.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "switchboard", "subscriber", "prometheus", "grafana");
        assertThat(SERVICES.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(SERVICES.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText())
                .as("KRaft, one node")
                .isEqualTo("broker,controller");
        assertThat(SERVICES.at("/switchboard/image").asText())
                .as("the tag the build gives the image")
                .isEqualTo(System.getProperty("image.name", "switchboard:0.1.0-SNAPSHOT"));
        assertThat(SERVICES.at("/subscriber/image").asText()).isEqualTo("node:20");
    }

    @Test
    void switchboardUsesTheComposeKafkaWithOneReplica() {
        JsonNode env = SERVICES.at("/switchboard/environment");
        String advertised =
                SERVICES.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        assertThat(advertised)
                .isEqualTo("PLAINTEXT://"
                        + env.get("SWITCHBOARD_KAFKA_BOOTSTRAPSERVERS").asText());
        assertThat(env.get("SWITCHBOARD_KAFKA_REPLICATIONFACTOR").asText()).isEqualTo("1");
        assertThat(env.get("SWITCHBOARD_KAFKA_MININSYNCREPLICAS").asText()).isEqualTo("1");
        assertThat(env.get("SWITCHBOARD_OPS_HOST").asText()).isEqualTo("0.0.0.0");
    }

    @Test
    void publishesTheIngressAndOpsPortsSwitchboardListensOn() {
        JsonNode env = SERVICES.at("/switchboard/environment");
        assertThat(strings(SERVICES.at("/switchboard/ports")))
                .contains(
                        "8080:" + env.get("SWITCHBOARD_INGRESS_PORT").asText(),
                        "9090:" + env.get("SWITCHBOARD_OPS_PORT").asText());
        List<String> hostPorts = new ArrayList<>();
        SERVICES.forEach(s -> strings(s.path("ports")).forEach(p -> hostPorts.add(p.split(":")[0])));
        assertThat(hostPorts).as("no host port published twice").doesNotHaveDuplicates();
    }

    @Test
    void startsEachServiceAfterWhatItNeedsWaitingForHealthWhereThereIsACheck() {
        SERVICES.fields().forEachRemaining(service -> service.getValue()
                .path("depends_on")
                .fields()
                .forEachRemaining(dependency -> {
                    assertThat(SERVICES.has(dependency.getKey()))
                            .as(service.getKey() + " depends on " + dependency.getKey())
                            .isTrue();
                    if (dependency.getValue().path("condition").asText().equals("service_healthy")) {
                        assertThat(SERVICES.get(dependency.getKey()).has("healthcheck"))
                                .as(dependency.getKey() + " has a healthcheck")
                                .isTrue();
                    }
                }));
        assertThat(SERVICES.at("/switchboard/depends_on/kafka/condition").asText())
                .isEqualTo("service_healthy");
        assertThat(SERVICES.at("/switchboard/healthcheck/test").toString()).contains("http://127.0.0.1:9090");
    }

    @Test
    void everyMountedLocalFileExists() {
        List<String> missing = mounts().stream()
                .filter(m -> m.source().startsWith("."))
                .map(Mount::source)
                .filter(source -> !Files.exists(DEPLOY.resolve(source)))
                .toList();
        assertThat(missing)
                .as("local files mounted by compose.yaml, relative to deploy/")
                .isEmpty();
    }

    @Test
    void switchboardLoadsTheMountedTriggersWhoseSubscriberIsTheSampleSubscriber() {
        String resources =
                SERVICES.at("/switchboard/environment/SWITCHBOARD_RESOURCES").asText();
        Mount triggers = mountAt("switchboard", resources).orElseThrow();
        Path folder = DEPLOY.resolve(triggers.source());
        assertThat(folder).isDirectory();
        List<JsonNode> documents = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> documents.addAll(DeployFiles.documents(f)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(documents).isNotEmpty().allSatisfy(trigger -> {
            URI subscriber = URI.create(trigger.at("/spec/subscriber/uri").asText());
            assertThat(SERVICES.has(subscriber.getHost())).isTrue();
            assertThat(String.valueOf(subscriber.getPort()))
                    .isEqualTo(SERVICES.at("/" + subscriber.getHost() + "/environment/PORT")
                            .asText());
        });
        assertThat(strings(SERVICES.at("/subscriber/command")).get(2)).contains("node subscriber.js");
    }

    @Test
    void prometheusScrapesTheOpsPortAndLoadsTheAlertRules() {
        Mount config = mountAt("prometheus", "/etc/prometheus/prometheus.yml").orElseThrow();
        assertThat(strings(SERVICES.at("/prometheus/command"))).contains("--config.file=" + config.target());
        JsonNode prometheus = DeployFiles.yaml(DEPLOY.resolve(config.source()));
        JsonNode job = prometheus.at("/scrape_configs/0");
        assertThat(job.get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(strings(job.at("/static_configs/0/targets")))
                .containsExactly("switchboard:"
                        + SERVICES.at("/switchboard/environment/SWITCHBOARD_OPS_PORT")
                                .asText());

        Mount rules = mountAt("prometheus", "/etc/prometheus/rules/switchboard-alerts.yaml")
                .orElseThrow();
        assertThat(rules.source()).isEqualTo("./monitoring/switchboard-alerts.yaml");
        String ruleGlob = prometheus.at("/rule_files/0").asText();
        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + ruleGlob).matches(Path.of(rules.target())))
                .as(ruleGlob + " matches " + rules.target())
                .isTrue();
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDataSourceAndTheDashboard() {
        Mount datasources = mountAt("grafana", "/etc/grafana/provisioning/datasources/switchboard.yaml")
                .orElseThrow();
        JsonNode datasource =
                DeployFiles.yaml(DEPLOY.resolve(datasources.source())).at("/datasources/0");
        assertThat(datasource.get("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(datasource.get("url").asText());
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(strings(SERVICES.at("/prometheus/ports"))).contains("9091:" + url.getPort());

        Mount providers = mountAt("grafana", "/etc/grafana/provisioning/dashboards/switchboard.yaml")
                .orElseThrow();
        String dashboards = DeployFiles.yaml(DEPLOY.resolve(providers.source()))
                .at("/providers/0/options/path")
                .asText();
        Mount dashboard = mounts().stream()
                .filter(m -> m.service().equals("grafana") && m.target().startsWith(dashboards + "/"))
                .findFirst()
                .orElseThrow();
        assertThat(dashboard.source()).isEqualTo("./monitoring/switchboard-dashboard.json");
    }

    private static Optional<Mount> mountAt(String service, String target) {
        return mounts().stream()
                .filter(m -> m.service().equals(service) && m.target().equals(target))
                .findFirst();
    }

    private static List<Mount> mounts() {
        List<Mount> mounts = new ArrayList<>();
        SERVICES.fields().forEachRemaining(service -> strings(service.getValue().path("volumes"))
                .forEach(volume -> {
                    String[] parts = volume.split(":");
                    mounts.add(new Mount(service.getKey(), parts[0], parts[1]));
                }));
        return mounts;
    }
}
