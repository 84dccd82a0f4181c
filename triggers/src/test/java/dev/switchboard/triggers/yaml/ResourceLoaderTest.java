package dev.switchboard.triggers.yaml;

import static dev.switchboard.triggers.yaml.ResourceLoaderErrorsTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.AuthMode;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.ConditionType;
import dev.switchboard.triggers.model.DeliveryFormat;
import dev.switchboard.triggers.model.DeliveryOrder;
import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.RefMapping;
import dev.switchboard.triggers.model.ReplyMode;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.Severity;
import dev.switchboard.triggers.model.StartFrom;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerOptions;
import dev.switchboard.triggers.model.TriggerStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceLoaderTest {

    private final ResourceLoader loader = new ResourceLoader();

    @Test
    void parsesEveryTriggerAnnotation() {
        ResourceSet set = valid("""
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: orders
                  namespace: shop
                  labels: {team: billing}
                  annotations:
                    kafka.eventing.knative.dev/delivery.order: ordered
                    switchboard.dev/max-in-flight: "8"
                    switchboard.dev/rate-limit: "2.5"
                    switchboard.dev/start-from: "2024-05-01T12:00:00+02:00"
                    switchboard.dev/paused: "true"
                    switchboard.dev/reply: discard
                    switchboard.dev/backoff-max: PT1M
                    switchboard.dev/ca-bundle: /etc/switchboard/billing-ca.pem
                    example.com/free: anything
                spec:
                  broker: main
                  subscriber:
                    uri: https://billing.example.com/orders
                  delivery:
                    timeout: PT5S
                    retryAfterMax: PT2M
                    format: json
                """);

        Trigger trigger = set.trigger(new ResourceId("shop", "orders")).orElseThrow();
        assertThat(trigger.options())
                .isEqualTo(new TriggerOptions(
                        DeliveryOrder.ORDERED,
                        8,
                        OptionalDouble.of(2.5),
                        new StartFrom.At(Instant.parse("2024-05-01T10:00:00Z")),
                        true,
                        ReplyMode.DISCARD,
                        Duration.ofMinutes(1),
                        Optional.of(Path.of("/etc/switchboard/billing-ca.pem"))));
        assertThat(trigger.metadata().labels()).containsEntry("team", "billing");
        assertThat(trigger.metadata().annotations()).containsEntry("example.com/free", "anything");
        var delivery = trigger.spec().delivery().orElseThrow();
        assertThat(delivery.timeout()).contains(Duration.ofSeconds(5));
        assertThat(delivery.retryAfterMax()).contains(Duration.ofMinutes(2));
        assertThat(delivery.format()).contains(DeliveryFormat.JSON);
        assertThat(trigger.spec().filter()).isEqualTo(new FilterSpec.MatchAll());
    }

    @Test
    void appliesTriggerDefaultsWithoutAnnotations() {
        Trigger trigger = valid(trigger("")).triggers().get(0);

        assertThat(trigger.options()).isEqualTo(TriggerOptions.defaults());
        assertThat(trigger.metadata().namespace()).isEqualTo("default");
        assertThat(trigger.metadata().generation()).isEqualTo(1);
    }

    @Test
    void parsesBrokerAnnotations() {
        ResourceSet set = valid("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: secure
                  annotations:
                    switchboard.dev/auth: oidc
                    switchboard.dev/allowed-subjects: "billing, shipping"
                    switchboard.dev/authcontext: "true"
                """);

        Broker broker = set.broker(new ResourceId("default", "secure")).orElseThrow();
        assertThat(broker.options().auth()).isEqualTo(AuthMode.OIDC);
        assertThat(broker.options().allowedSubjects()).containsExactly("billing", "shipping");
        assertThat(broker.options().recordAuthContext()).isTrue();
    }

    @Test
    void addsImplicitDefaultBrokerOnlyWhenNoneIsDeclared() {
        ResourceSet implicit = valid(trigger(""));
        assertThat(implicit.hasImplicitBroker()).isTrue();
        assertThat(implicit.brokers()).extracting(Broker::id).containsExactly(Broker.IMPLICIT_ID);

        ResourceSet declared = valid(broker("other") + "---\n" + trigger(""));
        assertThat(declared.hasImplicitBroker()).isFalse();
        assertThat(declared.brokers()).extracting(Broker::id).containsExactly(new ResourceId("default", "other"));
    }

    @Test
    void keepsTriggerOfMissingBrokerWithBrokerDoesNotExist() {
        ResourceSet set = valid(broker("other") + "---\n" + trigger(""));

        TriggerStatus status = set.status(new ResourceId("default", "t1"));
        assertThat(set.triggers()).hasSize(1);
        assertThat(status.isReady()).isFalse();
        assertThat(status.condition(ConditionType.READY).reason()).isEqualTo(TriggerStatus.BROKER_DOES_NOT_EXIST);
        assertThat(status.condition(ConditionType.BROKER_READY).reason())
                .isEqualTo(TriggerStatus.BROKER_DOES_NOT_EXIST);
        assertThat(status.condition(ConditionType.SUBSCRIBER_RESOLVED).isTrue()).isTrue();
        assertThat(status.subscriberUri()).contains(URI.create("http://example.com/"));
    }

    @Test
    void keepsTriggerWithUnresolvableRefWithSubscriberNotResolved() {
        String yaml = trigger("")
                .replace(
                        "    uri: http://example.com/\n",
                        "    ref: {apiVersion: v1, kind: Service, name: billing}\n    uri: /in\n");

        ResourceSet unresolved = valid(yaml);
        TriggerStatus status = unresolved.status(new ResourceId("default", "t1"));
        assertThat(status.condition(ConditionType.READY).reason()).isEqualTo(TriggerStatus.SUBSCRIBER_NOT_RESOLVED);
        assertThat(status.condition(ConditionType.SUBSCRIBER_RESOLVED).reason())
                .isEqualTo(TriggerStatus.SUBSCRIBER_NOT_RESOLVED);
        assertThat(status.subscriberUri()).isEmpty();

        LoadResult resolved = loader.loadString(
                "t.yaml",
                yaml,
                List.of(new RefMapping("Service", "default", "billing", URI.create("http://10.0.0.5:8080"))));
        TriggerStatus ready = ((LoadResult.Valid) resolved).resources().status(new ResourceId("default", "t1"));
        assertThat(ready.isReady()).isTrue();
        assertThat(ready.subscriberUri()).contains(URI.create("http://10.0.0.5:8080/in"));
    }

    @Test
    void warnsWhenBothFilterAndFiltersAreSetAndFiltersWins() {
        LoadResult result = loader.loadString(
                "t.yaml",
                trigger("  filter:\n    attributes: {type: a}\n  filters:\n    - exact: {type: b}\n"),
                List.of());

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.line()).isEqualTo(9);
            assertThat(d.column()).isEqualTo(3);
            assertThat(d.message()).contains("filters wins");
        });
        assertThat(((LoadResult.Valid) result)
                        .resources()
                        .triggers()
                        .get(0)
                        .spec()
                        .filter())
                .isEqualTo(new FilterSpec.All(List.of(new FilterSpec.Exact(Map.of("type", "b")))));
    }

    @Test
    void acceptsEmptyAttributeValueAsPresenceTest() {
        Trigger trigger = valid(trigger("  filter:\n    attributes:\n      source: \"\"\n"))
                .triggers()
                .get(0);

        assertThat(trigger.spec().filter()).isEqualTo(new FilterSpec.Attributes(Map.of("source", "")));
    }

    @Test
    void reportsEveryErrorOfEveryFileAtOnce() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", trigger("  delivery:\n    retry: -1\n    backoffDelay: P1M\n"));
        files.put("b.yaml", trigger("").replace("broker: default", "brokr: default") + "---\n" + "kind: Nope\n");

        LoadResult result = loader.loadStrings(files, List.of());

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors())
                .extracting(d -> d.file() + ":" + d.line() + ":" + d.column() + " " + d.path())
                .containsExactly(
                        "a.yaml:10:12 spec.delivery.retry",
                        "a.yaml:11:19 spec.delivery.backoffDelay",
                        "b.yaml:5:1 spec.broker",
                        "b.yaml:6:3 spec.brokr",
                        "b.yaml:10:1 apiVersion",
                        "b.yaml:10:1 metadata",
                        "b.yaml:10:7 kind");
        assertThat(result.summary()).isEqualTo("invalid: 7 errors, 0 warnings");
    }

    @Test
    void reportsDuplicateNamesAtBothPlaces() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", trigger(""));
        files.put("b.yaml", "# same trigger again\n" + trigger(""));

        LoadResult result = loader.loadStrings(files, List.of());

        assertThat(result.errors())
                .extracting(Diagnostic::render)
                .containsExactly(
                        "a.yaml:4:9: error: metadata.name: duplicate Trigger default/t1, also declared at b.yaml:5:9",
                        "b.yaml:5:9: error: metadata.name: duplicate Trigger default/t1, also declared at a.yaml:4:9");
    }

    @Test
    void allowsSameNameInOtherNamespaceOrKind() {
        ResourceSet set = valid(trigger("") + "---\n" + trigger("").replace("name: t1", "name: t1\n  namespace: b")
                + "---\n" + broker("t1"));

        assertThat(set.triggers()).hasSize(2);
    }

    @Test
    void skipsEmptyDocuments() {
        ResourceSet set = valid("---\n# nothing\n---\n" + trigger("") + "---\n");

        assertThat(set.triggers()).hasSize(1);
    }

    @Test
    void loadsYamlFilesOfAFolderInNameOrderNotRecursively(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.yml"), trigger("").replace("name: t1", "name: b"));
        Files.writeString(dir.resolve("a.yaml"), trigger("").replace("name: t1", "name: a"));
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
        Files.writeString(dir.resolve(".a.yaml.swp"), "not yaml: [");
        Files.createDirectory(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/c.yaml"), "not yaml: [");
        Path single =
                Files.writeString(dir.resolve("nested/extra.txt"), trigger("").replace("name: t1", "name: x"));

        LoadResult result = loader.load(List.of(dir, single), List.of());

        assertThat(result.errors()).isEmpty();
        assertThat(((LoadResult.Valid) result).resources().triggers())
                .extracting(t -> t.metadata().name())
                .containsExactly("a", "b", "x");
    }

    @Test
    void reportsMissingPathAsFileError(@TempDir Path dir) {
        Path missing = dir.resolve("absent.yaml");

        LoadResult result = loader.load(List.of(missing), List.of());

        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(missing.toString());
            assertThat(d.line()).isZero();
            assertThat(d.message()).isEqualTo("no such file or folder");
            assertThat(d.render()).isEqualTo(missing + ": error: no such file or folder");
        });
    }

    @Test
    void emptyFolderYieldsOnlyTheImplicitBroker(@TempDir Path dir) {
        LoadResult result = loader.load(List.of(dir), List.of());

        assertThat(((LoadResult.Valid) result).resources().brokers())
                .extracting(Broker::id)
                .containsExactly(Broker.IMPLICIT_ID);
        assertThat(result.summary()).isEqualTo("valid: 1 broker, 0 triggers, 0 warnings");
    }

    private ResourceSet valid(String yaml) {
        LoadResult result = loader.loadString("t.yaml", yaml, List.of());
        assertThat(result.errors()).isEmpty();
        return ((LoadResult.Valid) result).resources();
    }

    private static String broker(String name) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: %s
                """.formatted(name);
    }
}
