package dev.switchboard.deploy;

import static dev.switchboard.deploy.DeployFiles.strings;
import static dev.switchboard.deploy.Manifests.all;
import static dev.switchboard.deploy.Manifests.named;
import static dev.switchboard.deploy.Manifests.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize base in {@code deploy/kubernetes}, rendered as {@code kubectl kustomize} renders it ({@link
 * KustomizeBuild}), holds together: it needs no Prometheus Operator (the monitoring kinds come only with the
 * component), selectors select the pod template, the StatefulSet's governing Service is headless, each instance's
 * data directory is its own persistent volume mounted where the server config says, volumes name existing
 * ConfigMaps, probes and Service ports name container ports that the image exposes, the ServiceMonitor selects the
 * client Service only, the grace period covers the preStop pause and the drain, and the consumer session timeout is
 * the one docs/operations.md recommends.
 */
class KubernetesManifestsTest {

    private static final Path DEPLOY = DeployFiles.dir();
    private static final Path DIR = DEPLOY.resolve("kubernetes");
    private static final List<ObjectNode> MANIFESTS = KustomizeBuild.render(DIR);
    private static final List<ObjectNode> WITH_MONITORING =
            KustomizeBuild.render(DEPLOY.resolve("kubernetes-examples/monitoring"));

    private static final JsonNode STATEFUL_SET = only(MANIFESTS, "StatefulSet");
    private static final JsonNode POD = STATEFUL_SET.at("/spec/template/spec");
    private static final JsonNode CONTAINER = POD.at("/containers/0");
    private static final JsonNode SERVICE = named(MANIFESTS, "Service", "switchboard");
    private static final JsonNode SERVER_CONFIG = ServerConfigText.of(MANIFESTS, POD);

    @Test
    void everyYamlFileUnderKubernetesIsPartOfTheBaseOrOfAnExample() throws IOException {
        Set<Path> read = new HashSet<>(KustomizeBuild.filesRead(DIR));
        for (String example : List.of("monitoring", "strimzi-scram")) {
            read.addAll(KustomizeBuild.filesRead(
                    DEPLOY.resolve("kubernetes-examples").resolve(example)));
        }
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(DIR), Files.walk(DEPLOY.resolve("kubernetes-examples")))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(read).containsAll(files);
    }

    @Test
    void baseAppliesWithoutThePrometheusOperatorAndTheComponentAddsItsTwoKinds() {
        assertThat(MANIFESTS)
                .extracting(m -> m.path("kind").asText())
                .containsExactlyInAnyOrder(
                        "ConfigMap", "ConfigMap", "StatefulSet", "Service", "Service", "PodDisruptionBudget");
        assertThat(MANIFESTS).noneMatch(m -> m.path("apiVersion").asText().startsWith("monitoring.coreos.com/"));
        assertThat(MANIFESTS).allSatisfy(m -> {
            assertThat(m.path("apiVersion").asText()).isNotBlank();
            assertThat(m.at("/metadata/name").asText()).isNotBlank();
            assertThat(m.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
                    .isEqualTo("switchboard");
        });
        assertThat(only(MANIFESTS, "PodDisruptionBudget").get("apiVersion").asText())
                .isEqualTo("policy/v1");

        List<ObjectNode> added = new ArrayList<>(WITH_MONITORING);
        added.removeAll(MANIFESTS);
        assertThat(added)
                .extracting(m ->
                        m.path("apiVersion").asText() + " " + m.path("kind").asText())
                .containsExactlyInAnyOrder(
                        "monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule");
    }

    @Test
    void statefulSetServiceHeadlessServiceAndDisruptionBudgetSelectThePodTemplate() {
        JsonNode podLabels = STATEFUL_SET.at("/spec/template/metadata/labels");
        assertThat(LabelSelector.matches(STATEFUL_SET.at("/spec/selector"), podLabels))
                .isTrue();
        for (JsonNode service : all(MANIFESTS, "Service")) {
            assertThat(LabelSelector.matchesLabels(service.at("/spec/selector"), podLabels))
                    .isTrue();
        }
        assertThat(LabelSelector.matches(only(MANIFESTS, "PodDisruptionBudget").at("/spec/selector"), podLabels))
                .isTrue();
        assertThat(only(MANIFESTS, "PodDisruptionBudget")
                        .at("/spec/minAvailable")
                        .asInt())
                .isPositive()
                .isLessThan(STATEFUL_SET.at("/spec/replicas").asInt());
    }

    @Test
    void statefulSetIsGovernedByAHeadlessServiceOverTheSamePorts() {
        JsonNode headless =
                named(MANIFESTS, "Service", STATEFUL_SET.at("/spec/serviceName").asText());
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(headless.at("/spec/ports")).isEqualTo(SERVICE.at("/spec/ports"));
        assertThat(SERVICE.at("/spec/clusterIP").isMissingNode())
                .as("the client Service balances")
                .isTrue();
    }

    @Test
    void eachInstanceKeepsItsDataDirectoryOnItsOwnPersistentVolume() {
        JsonNode claims = STATEFUL_SET.at("/spec/volumeClaimTemplates");
        assertThat(claims).hasSize(1);
        JsonNode claim = claims.get(0);
        assertThat(strings(claim.at("/spec/accessModes"))).containsExactly("ReadWriteOnce");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isNotBlank();
        String name = claim.at("/metadata/name").asText();
        assertThat(volumeNames()).as("a pod volume would hide the claim").doesNotContain(name);
        assertThat(mountOf(name)).isEqualTo(SERVER_CONFIG.get("dataDir").asText());
        assertThat(POD.at("/securityContext/fsGroup").asInt())
                .as("the volume is writable by the non-root user")
                .isEqualTo(POD.at("/securityContext/runAsGroup").asInt());
    }

    @Test
    void consumerSessionTimeoutIsTheOneOperationsRecommends() throws IOException {
        String operations = Files.readString(DEPLOY.resolve("../docs/operations.md"));
        Matcher recommended = Pattern.compile(
                        "consumer: \\{session\\.timeout\\.ms: (\\d+), heartbeat\\.interval\\.ms: (\\d+)}")
                .matcher(operations);
        assertThat(recommended.find())
                .as("the recommendation in docs/operations.md")
                .isTrue();
        JsonNode consumer = SERVER_CONFIG.at("/kafka/consumer");

        assertThat(consumer.get("session.timeout.ms").asText()).isEqualTo(recommended.group(1));
        assertThat(consumer.get("heartbeat.interval.ms").asText()).isEqualTo(recommended.group(2));
        assertThat(consumer.get("heartbeat.interval.ms").asLong() * 3)
                .as("Kafka: heartbeats at most a third of the session timeout")
                .isLessThanOrEqualTo(consumer.get("session.timeout.ms").asLong());
    }

    @Test
    void probesCheckLivezAndReadyzOnTheOpsContainerPort() {
        Map<String, Integer> ports = containerPorts();
        assertThat(ports).containsEntry("ingress", 8080).containsEntry("ops", 9090);
        assertThat(CONTAINER.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
        assertThat(CONTAINER.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(CONTAINER.at("/" + probe + "/httpGet/port").asText())
                    .as(probe)
                    .isEqualTo("ops");
        }
    }

    @Test
    void containerPortsAreTheOnesTheServerConfigListensOnAndTheImageExposes() throws IOException {
        assertThat(containerPorts())
                .containsEntry("ingress", SERVER_CONFIG.at("/ingress/port").asInt())
                .containsEntry("ops", SERVER_CONFIG.at("/ops/port").asInt());
        assertThat(environment()).containsEntry("SWITCHBOARD_OPS_HOST", "0.0.0.0");
        JibContainer image = JibContainer.read(DEPLOY.resolve("pom.xml"));
        assertThat(image.ports())
                .containsExactlyInAnyOrderElementsOf(containerPorts().values());
        assertThat(image.volumes()).containsExactly(SERVER_CONFIG.get("dataDir").asText());
        assertThat(image.user())
                .isEqualTo(POD.at("/securityContext/runAsUser").asInt() + ":"
                        + POD.at("/securityContext/runAsGroup").asInt());
    }

    @Test
    void servicesExposeIngressAndOpsByContainerPortName() {
        Map<String, Integer> ports = containerPorts();
        for (JsonNode service : all(MANIFESTS, "Service")) {
            List<String> names = new ArrayList<>();
            service.at("/spec/ports").forEach(port -> {
                names.add(port.get("name").asText());
                assertThat(ports).containsKey(port.get("targetPort").asText());
                assertThat(port.get("port").asInt())
                        .isEqualTo(ports.get(port.get("targetPort").asText()));
            });
            assertThat(names).containsExactlyInAnyOrder("ingress", "ops");
        }
    }

    @Test
    void serviceMonitorSelectsOnlyTheClientServiceAndScrapesItsOpsPort() {
        JsonNode monitor = only(WITH_MONITORING, "ServiceMonitor");
        assertThat(all(WITH_MONITORING, "Service"))
                .filteredOn(s -> LabelSelector.matches(monitor.at("/spec/selector"), s.at("/metadata/labels")))
                .extracting(s -> s.at("/metadata/name").asText())
                .as("one Service: the headless one lists the same pods, which would be scraped twice")
                .containsExactly("switchboard");
        List<String> servicePorts = new ArrayList<>();
        SERVICE.at("/spec/ports").forEach(p -> servicePorts.add(p.get("name").asText()));
        assertThat(monitor.at("/spec/endpoints")).allSatisfy(endpoint -> {
            assertThat(servicePorts).contains(endpoint.get("port").asText());
            assertThat(endpoint.get("path").asText()).isEqualTo("/metrics");
        });
        assertThat(monitor.has("jobLabel"))
                .as("the job is the Service's name, `switchboard`, as SwitchboardTargetDown expects")
                .isFalse();
    }

    @Test
    void prometheusRuleCarriesExactlyTheAlertRulesThatPromtoolTests() {
        JsonNode rule = only(WITH_MONITORING, "PrometheusRule");
        JsonNode alerts = DeployFiles.yaml(DEPLOY.resolve("monitoring/switchboard-alerts.yaml"));

        assertThat(rule.at("/spec/groups")).isEqualTo(alerts.get("groups"));
        // a Prometheus that selects the ServiceMonitor by label picks the rules up with the same selector
        assertThat(rule.at("/metadata/labels"))
                .isEqualTo(only(WITH_MONITORING, "ServiceMonitor").at("/metadata/labels"));
    }

    @Test
    void volumesNameExistingConfigMapsAndEveryMountNamesAVolumeOrAClaim() {
        List<String> configMaps = all(MANIFESTS, "ConfigMap").stream()
                .map(m -> m.at("/metadata/name").asText())
                .toList();
        POD.get("volumes").forEach(volume -> {
            if (volume.has("configMap")) {
                assertThat(configMaps).contains(volume.at("/configMap/name").asText());
            }
        });
        List<String> volumes = new ArrayList<>(volumeNames());
        STATEFUL_SET
                .at("/spec/volumeClaimTemplates")
                .forEach(c -> volumes.add(c.at("/metadata/name").asText()));
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
        assertThat(named(MANIFESTS, "ConfigMap", "switchboard-triggers")
                        .get("data")
                        .fieldNames())
                .toIterable()
                .allSatisfy(key -> assertThat(key).matches(".+\\.ya?ml"));
    }

    @Test
    void kafkaCredentialsAreAnOptionalSecretThatTheDefaultConfigDoesNotNeed() {
        JsonNode volume = volume("kafka-credentials");
        assertThat(volume.at("/projected/sources")).hasSize(1);
        assertThat(volume.at("/projected/sources/0/secret/optional").asBoolean())
                .as("the pod starts without the Secret")
                .isTrue();
        assertThat(mountOf("kafka-credentials")).isEqualTo("/etc/switchboard/kafka");
        assertThat(SERVER_CONFIG.at("/kafka/client").isMissingNode())
                .as("a local cluster without authentication: nothing refers to the folder")
                .isTrue();
        assertThat(CONTAINER.get("env").toString()).doesNotContain("SWITCHBOARD_KAFKA_CLIENT");
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

    private static List<String> volumeNames() {
        List<String> names = new ArrayList<>();
        POD.get("volumes").forEach(v -> names.add(v.get("name").asText()));
        return names;
    }

    private static JsonNode volume(String name) {
        for (JsonNode volume : POD.get("volumes")) {
            if (volume.get("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String mountOf(String volume) {
        for (JsonNode mount : CONTAINER.get("volumeMounts")) {
            if (mount.get("name").asText().equals(volume)) {
                return mount.get("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }
}
