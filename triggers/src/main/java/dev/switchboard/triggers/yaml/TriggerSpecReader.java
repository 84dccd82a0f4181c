package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.TriggerSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads Knative {@code Trigger.spec}: {@code broker} and {@code subscriber} are required; when both
 * {@code filters} and {@code filter} are set, {@code filters} wins as in Knative and a warning says so
 * (docs/routing-semantics.md "Filters").
 */
final class TriggerSpecReader {

    private static final Set<String> FIELDS = Set.of("broker", "filter", "filters", "subscriber", "delivery");

    private final String namespace;

    /** @param namespace the trigger's namespace, the default of {@code ref.namespace} */
    TriggerSpecReader(String namespace) {
        this.namespace = namespace;
    }

    Optional<TriggerSpec> read(YamlMapping spec) {
        FileDiagnostics report = spec.report();
        int before = report.errorCount();
        spec.allowOnly(FIELDS);
        Optional<String> broker = spec.requiredString("broker").filter(name -> {
            String problem = Names.dnsLabelProblem(name);
            if (problem != null) {
                report.error(spec.value("broker").orElseThrow(), spec.path("broker"), problem);
            }
            return problem == null;
        });
        Optional<FilterSpec> filter = filter(spec);
        DestinationReader destinations = new DestinationReader(namespace);
        Optional<Destination> subscriber = spec.requiredMapping("subscriber").flatMap(destinations::read);
        Optional<DeliverySpec> delivery = spec.mapping("delivery").flatMap(new DeliveryReader(destinations)::read);
        if (report.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(
                new TriggerSpec(broker.orElseThrow(), filter.orElseThrow(), subscriber.orElseThrow(), delivery));
    }

    private Optional<FilterSpec> filter(YamlMapping spec) {
        FileDiagnostics report = spec.report();
        FilterReader filters = new FilterReader(report);
        Optional<List<Node>> list = spec.sequence("filters").filter(items -> !items.isEmpty());
        Optional<FilterSpec> attributes = spec.mapping("filter").flatMap(filters::readAttributes);
        if (list.isPresent()) {
            if (spec.has("filter")) {
                report.warning(
                        spec.keyNode("filter"),
                        spec.path("filter"),
                        "both filter and filters are set: filters wins and filter is ignored");
            }
            return filters.readList(list.get(), spec.path("filters"));
        }
        return spec.has("filter") ? attributes : Optional.of(new FilterSpec.MatchAll());
    }
}
