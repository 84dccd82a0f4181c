package dev.switchboard.broker.dispatch;

import static dev.switchboard.broker.dispatch.ResourceYaml.annotations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerBindingsTest {

    @Test
    void bindsReadyTriggersWithTheirGroupTopicAndTarget() {
        Map<ResourceId, TriggerBinding> bindings = TriggerBindings.of(ResourceYaml.in("shop")
                .broker("orders")
                .trigger("billing", "orders", "http://billing.example/")
                .load());

        TriggerBinding billing = bindings.get(new ResourceId("shop", "billing"));
        assertThat(billing.groupId()).isEqualTo("switchboard.shop.orders.billing");
        assertThat(billing.topic()).isEqualTo("switchboard.shop.orders");
        assertThat(billing.target().deadLetterTopic()).isEqualTo("switchboard.shop.orders.dlq");
        assertThat(billing.target().subscriber()).hasToString("http://billing.example/");
    }

    @Test
    void leavesOutTriggersWhoseBrokerDoesNotExist() {
        Map<ResourceId, TriggerBinding> bindings = TriggerBindings.of(ResourceYaml.in("shop")
                .broker("orders")
                .trigger("orphan", "nowhere", "http://billing.example/")
                .load());

        assertThat(bindings).isEmpty();
    }

    @Test
    void diffTellsAddedChangedAndRemovedAndLeavesUnchangedAlone() {
        ResourceSet before = ResourceYaml.in("shop")
                .broker("orders")
                .trigger("same", "orders", "http://same.example/")
                .trigger("changed", "orders", "http://changed.example/")
                .trigger("removed", "orders", "http://removed.example/")
                .load();
        ResourceSet after = ResourceYaml.in("shop")
                .broker("orders")
                .trigger("same", "orders", "http://same.example/")
                .trigger(
                        "changed",
                        "orders",
                        "http://changed.example/",
                        annotations("switchboard.dev/paused", "true"),
                        null)
                .trigger("added", "orders", "http://added.example/")
                .load()
                .withGenerationsFrom(before);

        TriggerDiff diff = TriggerDiff.between(TriggerBindings.of(before), TriggerBindings.of(after));

        assertThat(diff.added()).extracting(TriggerBinding::id).containsExactly(new ResourceId("shop", "added"));
        assertThat(diff.changed()).extracting(TriggerBinding::id).containsExactly(new ResourceId("shop", "changed"));
        assertThat(diff.removed()).containsExactly(new ResourceId("shop", "removed"));
    }

    @Test
    void sameResourcesLoadedAgainMakeAnEmptyDiff() {
        ResourceYaml yaml = ResourceYaml.in("shop").broker("orders").trigger("t", "orders", "http://t.example/");
        ResourceSet first = yaml.load();

        TriggerDiff diff = TriggerDiff.between(
                TriggerBindings.of(first), TriggerBindings.of(yaml.load().withGenerationsFrom(first)));

        assertThat(diff.isEmpty()).isTrue();
    }
}
