package dev.switchboard.triggers.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.RefMapping;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Knative documentation's Broker and Trigger examples load unchanged. */
class KnativeExamplesTest {

    private static final List<RefMapping> REFS = List.of(
            new RefMapping("Service", "default", "my-service", URI.create("http://10.0.0.5:8080")),
            new RefMapping("Service", "default", "dlq-service", URI.create("http://10.0.0.6:8080/dlq")),
            new RefMapping("Service", "default", "example-sink", URI.create("http://10.0.0.7")));

    private final ResourceSet resources = load();

    @Test
    void loadsEveryExampleWithOnlyTheConfigWarning() {
        assertThat(resources.brokers()).hasSize(2);
        assertThat(resources.triggers()).hasSize(11);
        assertThat(resources.hasImplicitBroker()).isFalse();
        assertThat(resources.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("spec.config is accepted"));
        resources.triggers().forEach(t -> assertThat(resources.status(t.id()).isReady())
                .as(t.id() + " " + resources.status(t.id()))
                .isTrue());
    }

    @Test
    void readsAttributesFilter() {
        assertThat(trigger("my-service-trigger").spec().filter())
                .isEqualTo(new FilterSpec.Attributes(
                        Map.of("type", "dev.knative.foo.bar", "myextension", "my-extension-value")));
    }

    @Test
    void resolvesRefWithRelativePath() {
        assertThat(resources.status(id("my-service-path-trigger")).subscriberUri())
                .contains(URI.create("http://10.0.0.5:8080/my-custom-path"));
    }

    @Test
    void readsTriggerDeliveryAndResolvesItsDeadLetterSink() {
        var trigger = trigger("with-dead-letter-sink");
        var delivery = trigger.spec().delivery().orElseThrow();
        assertThat(delivery.retry()).contains(3);
        assertThat(delivery.backoffPolicy()).contains(BackoffPolicy.LINEAR);
        assertThat(delivery.backoffDelay()).contains(Duration.ofMillis(200));
        assertThat(resources.status(trigger.id()).deadLetterSinkUri()).contains(URI.create("http://10.0.0.7"));
    }

    @Test
    void triggersWithoutDeliveryInheritTheBrokersDeadLetterSink() {
        assertThat(resources.status(id("my-service-trigger")).deadLetterSinkUri())
                .contains(URI.create("http://10.0.0.6:8080/dlq"));
    }

    @Test
    void readsBrokerDelivery() {
        var broker = resources.broker(id("with-dead-letter-sink")).orElseThrow();
        var delivery = broker.spec().delivery().orElseThrow();
        assertThat(delivery.retry()).contains(5);
        assertThat(delivery.backoffPolicy()).contains(BackoffPolicy.EXPONENTIAL);
        assertThat(delivery.backoffDelay()).contains(Duration.ofMillis(500));
        assertThat(resources.broker(id("default")).orElseThrow().metadata().annotations())
                .containsEntry("eventing.knative.dev/broker.class", "Kafka");
    }

    @Test
    void readsEveryFilterDialect() {
        FilterSpec.Exact push = new FilterSpec.Exact(Map.of("type", "com.github.push"));
        FilterSpec.Exact subject = new FilterSpec.Exact(Map.of("subject", "https://github.com/cloudevents/spec"));
        assertThat(filterOf("my-service-trigger-cesql"))
                .isEqualTo(new FilterSpec.Cesql(
                        "source LIKE '%commerce%' AND type IN ('order.created', 'order.updated', 'order.canceled')"));
        assertThat(filterOf("my-service-trigger-exact")).isEqualTo(push);
        assertThat(filterOf("my-service-trigger-prefix"))
                .isEqualTo(new FilterSpec.Prefix(Map.of("type", "com.github.")));
        assertThat(filterOf("my-service-trigger-suffix")).isEqualTo(new FilterSpec.Suffix(Map.of("type", ".created")));
        assertThat(filterOf("my-service-trigger-all")).isEqualTo(new FilterSpec.All(List.of(push, subject)));
        assertThat(filterOf("my-service-trigger-any")).isEqualTo(new FilterSpec.Any(List.of(push, subject)));
        assertThat(filterOf("my-service-trigger-not")).isEqualTo(new FilterSpec.Not(push));
        assertThat(trigger("my-service-trigger-suffix-extension").spec().filter())
                .isEqualTo(new FilterSpec.All(List.of(
                        new FilterSpec.Suffix(Map.of("myextension", "-extensions")),
                        new FilterSpec.Prefix(Map.of("type", "dev.knative.")))));
    }

    /** The single filter inside the implicit {@code all} of a {@code filters} list. */
    private FilterSpec filterOf(String trigger) {
        FilterSpec.All all = (FilterSpec.All) trigger(trigger).spec().filter();
        assertThat(all.filters()).hasSize(1);
        return all.filters().get(0);
    }

    private dev.switchboard.triggers.model.Trigger trigger(String name) {
        return resources.trigger(id(name)).orElseThrow();
    }

    private static ResourceId id(String name) {
        return new ResourceId("default", name);
    }

    private static ResourceSet load() {
        try {
            Path folder = Path.of(
                    KnativeExamplesTest.class.getResource("/knative-examples").toURI());
            LoadResult result = new ResourceLoader().load(List.of(folder), REFS);
            assertThat(result.errors()).isEmpty();
            return ((LoadResult.Valid) result).resources();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
