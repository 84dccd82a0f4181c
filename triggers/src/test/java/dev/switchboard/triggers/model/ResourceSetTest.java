package dev.switchboard.triggers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceSetTest {

    private static final Broker MAIN =
            new Broker(ObjectMeta.of("default", "main"), BrokerSpec.empty(), BrokerOptions.defaults());

    @Test
    void emptySetHasOnlyImplicitBroker() {
        ResourceSet set = ResourceSet.empty();

        assertThat(set.hasImplicitBroker()).isTrue();
        assertThat(set.brokers()).containsExactly(Broker.implicitDefault());
        assertThat(set.triggers()).isEmpty();
    }

    @Test
    void carriesGenerationsOfUnchangedResourcesAndBumpsChangedOnes() {
        ResourceSet first = ResourceSet.assemble(
                List.of(MAIN), List.of(trigger("a", "http://a/"), trigger("b", "http://b/")), List.of(), List.of());
        ResourceSet second = ResourceSet.assemble(
                        List.of(MAIN),
                        List.of(trigger("a", "http://a/"), trigger("b", "http://b2/"), trigger("c", "http://c/")),
                        List.of(),
                        List.of())
                .withGenerationsFrom(first);
        ResourceSet third = ResourceSet.assemble(
                        List.of(MAIN),
                        List.of(trigger("a", "http://a/"), trigger("b", "http://b3/"), trigger("c", "http://c/")),
                        List.of(),
                        List.of())
                .withGenerationsFrom(second);

        assertThat(generations(third)).isEqualTo(Map.of("a", 1L, "b", 3L, "c", 1L));
        assertThat(third.broker(MAIN.id()).orElseThrow().metadata().generation())
                .isEqualTo(1);
        assertThat(second.sameResourcesAs(first)).isFalse();
        assertThat(third.withGenerationsFrom(third).sameResourcesAs(third)).isTrue();
    }

    @Test
    void withoutTriggersOfLeavesOutOnlyTheTriggersOfThoseBrokers() {
        Broker other = new Broker(ObjectMeta.of("default", "other"), BrokerSpec.empty(), BrokerOptions.defaults());
        Trigger elsewhere = new Trigger(
                ObjectMeta.of("default", "elsewhere"),
                new TriggerSpec(
                        "other", new FilterSpec.MatchAll(), Destination.of(URI.create("http://e/")), Optional.empty()),
                TriggerOptions.defaults());
        ResourceSet set = ResourceSet.assemble(
                List.of(MAIN, other), List.of(trigger("a", "http://a/"), elsewhere), List.of(), List.of());

        ResourceSet kept = set.withoutTriggersOf(java.util.Set.of(MAIN.id()));

        assertThat(kept.triggers()).containsExactly(elsewhere);
        assertThat(kept.status(elsewhere.id())).isEqualTo(set.status(elsewhere.id()));
        assertThat(kept.brokers()).isEqualTo(set.brokers());
        assertThat(set.withoutTriggersOf(java.util.Set.of())).isSameAs(set);
    }

    @Test
    void triggerWithoutDeliveryUsesBrokersWhole() {
        DeliverySpec brokerDelivery = new DeliverySpec(
                Optional.of(Destination.of(URI.create("http://dlq/"))),
                Optional.of(7),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Broker broker = new Broker(
                ObjectMeta.of("default", "main"),
                new BrokerSpec(Optional.of(brokerDelivery)),
                BrokerOptions.defaults());
        Trigger own = new Trigger(
                ObjectMeta.of("default", "own"),
                new TriggerSpec(
                        "main",
                        new FilterSpec.MatchAll(),
                        Destination.of(URI.create("http://s/")),
                        Optional.of(DeliverySpec.empty())),
                TriggerOptions.defaults());
        Trigger inherits = trigger("inherits", "http://s/");

        ResourceSet set = ResourceSet.assemble(List.of(broker), List.of(own, inherits), List.of(), List.of());

        assertThat(set.effectiveDelivery(own)).contains(DeliverySpec.empty());
        assertThat(set.effectiveDelivery(inherits)).contains(brokerDelivery);
        assertThat(set.status(own.id()).deadLetterSinkUri()).isEmpty();
        assertThat(set.status(inherits.id()).deadLetterSinkUri()).contains(URI.create("http://dlq/"));
        assertThat(set.triggersOf(broker.id())).containsExactly(inherits, own);
    }

    @Test
    void readyConditionSummarisesTheFirstFailure() {
        Trigger orphan = new Trigger(
                ObjectMeta.of("default", "orphan"),
                new TriggerSpec(
                        "missing",
                        new FilterSpec.MatchAll(),
                        new Destination(
                                Optional.of(new Reference("v1", "Service", "default", "nowhere")), Optional.empty()),
                        Optional.empty()),
                TriggerOptions.defaults());

        TriggerStatus status = ResourceSet.assemble(List.of(MAIN), List.of(orphan), List.of(), List.of())
                .status(orphan.id());

        assertThat(status.conditions())
                .extracting(c -> c.type().wireName() + "=" + c.status().wireName() + "/" + c.reason())
                .containsExactly(
                        "Ready=False/BrokerDoesNotExist",
                        "BrokerReady=False/BrokerDoesNotExist",
                        "SubscriberResolved=False/SubscriberNotResolved",
                        "DeadLetterSinkResolved=True/DeadLetterSinkNotConfigured",
                        "DependencyReady=True/NoDependency");
    }

    @Test
    void refusesErrorsAndDuplicates() {
        assertThatThrownBy(() -> ResourceSet.assemble(
                        List.of(), List.of(), List.of(), List.of(Diagnostic.error("f", 1, 1, "", "bad"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceSet.assemble(List.of(MAIN, MAIN), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesResourceId() {
        assertThat(ResourceId.parse("shop/orders")).isEqualTo(new ResourceId("shop", "orders"));
        assertThat(new ResourceId("shop", "orders")).hasToString("shop/orders");
        assertThatThrownBy(() -> ResourceId.parse("orders")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceId.parse("a/b/c")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Long> generations(ResourceSet set) {
        return set.triggers().stream()
                .collect(java.util.stream.Collectors.toMap(
                        t -> t.metadata().name(), t -> t.metadata().generation()));
    }

    private static Trigger trigger(String name, String uri) {
        return new Trigger(
                ObjectMeta.of("default", name),
                new TriggerSpec("main", new FilterSpec.MatchAll(), Destination.of(URI.create(uri)), Optional.empty()),
                TriggerOptions.defaults());
    }
}
