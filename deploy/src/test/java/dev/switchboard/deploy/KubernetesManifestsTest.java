package dev.switchboard.deploy;

import static dev.switchboard.deploy.DeployFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize base in {@code deploy/kubernetes} parses (Jackson YAML, multi-document) and its parts reference
 * each other consistently: the kustomization lists every file, selectors select the pod template, volumes name
 * existing ConfigMaps, probes and Service ports name container ports, the ServiceMonitor selects the Service, the
 * grace period covers the preStop pause and the drain, and the server config points at the mounted folders.
 */
class KubernetesManifestsTest {

    private static final Path DIR = DeployFiles.dir().resolve("kubernetes");
    private static final JsonNode KUSTOMIZATION = DeployFiles.yaml(DIR.resolve("kustomization.yaml"));
    private static final List<JsonNode> MANIFESTS = manifests();

    private static final JsonNode DEPLOYMENT = only("Deployment");
    private static final JsonNode POD = DEPLOYMENT.at("/spec/template/spec");
    private static final JsonNode CONTAINER = POD.at("/containers/0");
    private static final JsonNode SERVICE = only("Service");
    private static final JsonNode SERVER_CONFIG = serverConfig();

    @Test
    void kustomizationListsEveryManifestFileAndOnlyExistingOnes() throws IOException {
        List<String> files;
        try (Stream<Path> entries = Files.list(DIR)) {
            files = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .toList();
        }
        assertThat(strings(KUSTOMIZATION.get("resources"))).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyManifestHasAnApiVersionKindAndName() {
        assertThat(MANIFESTS)
                .extracting(m -> m.path("kind").asText())
                .containsExactlyInAnyOrder(
                        "ConfigMap",
                        "ConfigMap",
                        "Deployment",
                        "Service",
                        "PodDisruptionBudget",
                        "ServiceMonitor",
                        "PrometheusRule");
        assertThat(MANIFESTS).allSatisfy(m -> {
            assertThat(m.path("apiVersion").asText()).isNotBlank();
            assertThat(m.at("/metadata/name").asText()).isNotBlank();
        });
        assertThat(only("ServiceMonitor").get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(only("PodDisruptionBudget").get("apiVersion").asText()).isEqualTo("policy/v1");
    }

    @Test
    void deploymentServiceAndDisruptionBudgetSelectThePodTemplate() {
        JsonNode podLabels = DEPLOYMENT.at("/spec/template/metadata/labels");
        assertThat(selects(DEPLOYMENT.at("/spec/selector/matchLabels"), podLabels))
                .isTrue();
        assertThat(selects(SERVICE.at("/spec/selector"), podLabels)).isTrue();
        assertThat(selects(only("PodDisruptionBudget").at("/spec/selector/matchLabels"), podLabels))
                .isTrue();
    }

    @Test
    void probesCheckLivezAndReadyzOnTheOpsContainerPort() {
        Map<String, Integer> ports = containerPorts();
        assertThat(ports).containsEntry("ingress", 8080).containsEntry("ops", 9090);
        assertThat(CONTAINER.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
        assertThat(CONTAINER.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(ports)
                    .as(probe)
                    .containsKey(CONTAINER.at("/" + probe + "/httpGet/port").asText());
            assertThat(CONTAINER.at("/" + probe + "/httpGet/port").asText()).isEqualTo("ops");
        }
    }

    @Test
    void containerPortsAreTheOnesTheServerConfigListensOnWithOpsOnAllInterfaces() {
        assertThat(containerPorts())
                .containsEntry("ingress", SERVER_CONFIG.at("/ingress/port").asInt())
                .containsEntry("ops", SERVER_CONFIG.at("/ops/port").asInt());
        assertThat(environment()).containsEntry("SWITCHBOARD_OPS_HOST", "0.0.0.0");
    }

    @Test
    void serviceExposesIngressAndOpsByContainerPortName() {
        Map<String, Integer> ports = containerPorts();
        List<String> names = new ArrayList<>();
        SERVICE.at("/spec/ports").forEach(port -> {
            names.add(port.get("name").asText());
            assertThat(ports).containsKey(port.get("targetPort").asText());
            assertThat(port.get("port").asInt())
                    .isEqualTo(ports.get(port.get("targetPort").asText()));
        });
        assertThat(names).containsExactlyInAnyOrder("ingress", "ops");
    }

    @Test
    void serviceMonitorSelectsTheServiceAndScrapesItsOpsPort() {
        JsonNode monitor = only("ServiceMonitor");
        assertThat(selects(monitor.at("/spec/selector/matchLabels"), SERVICE.at("/metadata/labels")))
                .isTrue();
        List<String> servicePorts = new ArrayList<>();
        SERVICE.at("/spec/ports").forEach(p -> servicePorts.add(p.get("name").asText()));
        assertThat(monitor.at("/spec/endpoints")).allSatisfy(endpoint -> {
            assertThat(servicePorts).contains(endpoint.get("port").asText());
            assertThat(endpoint.get("path").asText()).isEqualTo("/metrics");
        });
    }

    @Test
    void prometheusRuleCarriesExactlyTheAlertRulesThatPromtoolTests() {
        JsonNode rule = only("PrometheusRule");
        JsonNode alerts = DeployFiles.yaml(DeployFiles.dir().resolve("monitoring/switchboard-alerts.yaml"));

        assertThat(rule.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.at("/spec/groups")).isEqualTo(alerts.get("groups"));
        // a Prometheus that selects the ServiceMonitor by label picks the rules up with the same selector
        assertThat(rule.at("/metadata/labels")).isEqualTo(only("ServiceMonitor").at("/metadata/labels"));
    }

    @Test
    void volumesNameExistingConfigMapsAndEveryMountNamesAVolume() {
        List<String> configMaps = MANIFESTS.stream()
                .filter(m -> m.get("kind").asText().equals("ConfigMap"))
                .map(m -> m.at("/metadata/name").asText())
                .toList();
        List<String> volumes = new ArrayList<>();
        POD.get("volumes").forEach(volume -> {
            volumes.add(volume.get("name").asText());
            if (volume.has("configMap")) {
                assertThat(configMaps).contains(volume.at("/configMap/name").asText());
            }
        });
        CONTAINER.get("volumeMounts").forEach(mount -> {
            assertThat(volumes).contains(mount.get("name").asText());
            assertThat(mount.has("subPath"))
                    .as("a subPath mount is never updated by the kubelet: %s", mount)
                    .isFalse();
        });
    }

    @Test
    void serverConfigFileAndTriggerFolderAreTheMountedConfigMaps() {
        List<String> args = strings(CONTAINER.get("args"));
        String configFile = args.get(args.indexOf("--config") + 1);
        assertThat(configFile).isEqualTo(mountOf("config") + "/switchboard.yaml");
        assertThat(strings(SERVER_CONFIG.get("resources"))).containsExactly(mountOf("triggers"));
        assertThat(SERVER_CONFIG.get("dataDir").asText()).isEqualTo(mountOf("data"));
        assertThat(only("ConfigMap", "switchboard-triggers").get("data").fieldNames())
                .toIterable()
                .allSatisfy(key -> assertThat(key).matches(".+\\.ya?ml"));
    }

    @Test
    void gracePeriodCoversThePreStopPauseAndTheDrainWithAMargin() {
        long preStop = CONTAINER.at("/lifecycle/preStop/sleep/seconds").asLong();
        Duration drain =
                Duration.parse(SERVER_CONFIG.at("/shutdown/drainTimeout").asText());
        long grace = POD.get("terminationGracePeriodSeconds").asLong();
        assertThat(preStop).isPositive();
        assertThat(grace).isGreaterThanOrEqualTo(preStop + drain.toSeconds() + 5);
    }

    @Test
    void runsAsTheImagesNonRootUserWithBoundedResources() {
        assertThat(CONTAINER.get("image").asText())
                .as("the tag the build gives the image")
                .isEqualTo(System.getProperty("image.name", "switchboard:0.1.0-SNAPSHOT"));
        assertThat(POD.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
        assertThat(POD.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(CONTAINER.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(mountOf("tmp")).as("the JVM writes /tmp").isEqualTo("/tmp");
        for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertThat(CONTAINER.at("/resources" + field).asText()).as(field).isNotBlank();
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).isPositive();
        List<Boolean> matches = new ArrayList<>();
        selector.fields()
                .forEachRemaining(e -> matches.add(
                        e.getValue().asText().equals(labels.path(e.getKey()).asText())));
        return !matches.contains(false);
    }

    private static Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new HashMap<>();
        CONTAINER
                .get("ports")
                .forEach(p ->
                        ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
        return ports;
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        CONTAINER
                .get("env")
                .forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        return env;
    }

    private static String mountOf(String volume) {
        for (JsonNode mount : CONTAINER.get("volumeMounts")) {
            if (mount.get("name").asText().equals(volume)) {
                return mount.get("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = MANIFESTS.stream()
                .filter(m -> m.path("kind").asText().equals(kind))
                .toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode only(String kind, String name) {
        return MANIFESTS.stream()
                .filter(m -> m.path("kind").asText().equals(kind)
                        && m.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The server config: the ConfigMap volume's key named by the {@code --config} path. */
    private static JsonNode serverConfig() {
        String volume = "config";
        String configMap = null;
        for (JsonNode v : POD.get("volumes")) {
            if (v.get("name").asText().equals(volume)) {
                configMap = v.at("/configMap/name").asText();
            }
        }
        String text = only("ConfigMap", configMap).at("/data/switchboard.yaml").asText();
        try {
            return new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> manifests() {
        List<JsonNode> manifests = new ArrayList<>();
        for (String file : strings(KUSTOMIZATION.get("resources"))) {
            manifests.addAll(DeployFiles.documents(DIR.resolve(file)));
        }
        assertThat(manifests).allSatisfy(m -> assertThat(m).isInstanceOf(ObjectNode.class));
        return manifests;
    }
}
