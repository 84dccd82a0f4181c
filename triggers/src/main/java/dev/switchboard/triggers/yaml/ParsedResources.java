package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resources read from a whole file set, checked for duplicates across files before assembly. */
final class ParsedResources {

    private final List<Located<Broker>> brokers = new ArrayList<>();
    private final List<Located<Trigger>> triggers = new ArrayList<>();

    void addTrigger(Located<Trigger> trigger) {
        triggers.add(trigger);
    }

    void addBroker(Located<Broker> broker) {
        brokers.add(broker);
    }

    List<Broker> brokers() {
        return brokers.stream().map(Located::resource).toList();
    }

    List<Trigger> triggers() {
        return triggers.stream().map(Located::resource).toList();
    }

    /** Reports every resource whose kind, namespace and name is declared more than once, at each place. */
    void reportDuplicates() {
        reportDuplicates(brokers);
        reportDuplicates(triggers);
    }

    private static <T> void reportDuplicates(List<Located<T>> resources) {
        Map<ResourceId, List<Located<T>>> byId = new LinkedHashMap<>();
        resources.forEach(
                r -> byId.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(r));
        byId.values().stream().filter(group -> group.size() > 1).forEach(group -> {
            for (Located<T> here : group) {
                List<String> others = group.stream()
                        .filter(other -> other != here)
                        .map(Located::place)
                        .toList();
                here.report()
                        .error(
                                here.nameNode(),
                                "metadata.name",
                                "duplicate " + here.kind() + " " + here.id() + ", also declared at "
                                        + String.join(", ", others));
            }
        });
    }
}
