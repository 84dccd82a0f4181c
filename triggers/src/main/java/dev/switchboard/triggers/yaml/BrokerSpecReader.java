package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.BrokerSpec;
import dev.switchboard.triggers.model.DeliverySpec;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Knative {@code Broker.spec}: {@code delivery} is the default of its triggers; Knative's {@code config}
 * reference (a ConfigMap of the broker class) is accepted with a warning and has no effect.
 */
final class BrokerSpecReader {

    private static final Set<String> FIELDS = Set.of("config", "delivery");

    private final String namespace;

    BrokerSpecReader(String namespace) {
        this.namespace = namespace;
    }

    Optional<BrokerSpec> read(YamlMapping spec) {
        FileDiagnostics report = spec.report();
        int before = report.errorCount();
        spec.allowOnly(FIELDS);
        spec.mapping("config").ifPresent(config -> {
            config.allowOnly(Set.of("apiVersion", "kind", "name", "namespace"));
            report.warning(
                    spec.keyNode("config"),
                    spec.path("config"),
                    "spec.config is accepted for Knative compatibility and ignored by Switchboard");
        });
        Optional<DeliverySpec> delivery =
                spec.mapping("delivery").flatMap(new DeliveryReader(new DestinationReader(namespace))::read);
        return report.errorCount() > before ? Optional.empty() : Optional.of(new BrokerSpec(delivery));
    }
}
