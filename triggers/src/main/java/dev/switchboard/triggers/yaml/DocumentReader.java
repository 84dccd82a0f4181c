package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.BrokerOptions;
import dev.switchboard.triggers.model.BrokerSpec;
import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import dev.switchboard.triggers.model.EgressAuthRef;
import dev.switchboard.triggers.model.ObjectMeta;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerOptions;
import dev.switchboard.triggers.model.TriggerSpec;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one YAML document: {@code apiVersion: eventing.knative.dev/v1}, {@code kind: Broker|Trigger},
 * {@code metadata} and {@code spec}. Every section is read even when another has errors, so one pass reports
 * everything.
 */
final class DocumentReader {

    static final String API_VERSION = "eventing.knative.dev/v1";
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> KINDS = Set.of("Broker", "Trigger");

    private final FileDiagnostics report;
    private final ParsedResources into;

    DocumentReader(FileDiagnostics report, ParsedResources into) {
        this.report = report;
        this.into = into;
    }

    void read(Node document) {
        YamlMapping.open(document, document, "", report).ifPresent(this::read);
    }

    private void read(YamlMapping document) {
        int before = report.errorCount();
        document.allowOnly(FIELDS);
        document.requiredString("apiVersion")
                .filter(v -> !v.equals(API_VERSION))
                .ifPresent(v -> report.error(
                        document.value("apiVersion").orElseThrow(),
                        "apiVersion",
                        "unsupported apiVersion \"" + v + "\", expected " + API_VERSION));
        Optional<String> kind = document.requiredString("kind").filter(k -> {
            if (!KINDS.contains(k)) {
                report.error(
                        document.value("kind").orElseThrow(),
                        "kind",
                        "unsupported kind \"" + k + "\", expected Broker or Trigger");
            }
            return KINDS.contains(k);
        });
        Optional<MetadataReader.Read> metadata =
                document.requiredMapping("metadata").flatMap(new MetadataReader()::read);
        String namespace = metadata.map(m -> m.metadata().namespace()).orElse(ObjectMeta.DEFAULT_NAMESPACE);
        if (kind.isEmpty()) {
            return;
        }
        if (kind.get().equals("Trigger")) {
            TriggerOptions options =
                    new TriggerAnnotationsReader().read(metadata.flatMap(MetadataReader.Read::annotations));
            Optional<TriggerSpec> spec =
                    document.requiredMapping("spec").flatMap(new TriggerSpecReader(namespace)::read);
            if (report.errorCount() == before) {
                MetadataReader.Read meta = metadata.orElseThrow();
                TriggerSpec read = spec.orElseThrow();
                into.addTrigger(
                        located(new Trigger(meta.metadata(), read, withAudiences(options, read)), "Trigger", meta));
            }
        } else {
            BrokerOptions options =
                    new BrokerAnnotationsReader().read(metadata.flatMap(MetadataReader.Read::annotations));
            Optional<BrokerSpec> spec = document.mapping("spec")
                    .flatMap(new BrokerSpecReader(namespace)::read)
                    .or(() -> document.has("spec") ? Optional.empty() : Optional.of(BrokerSpec.empty()));
            if (report.errorCount() == before) {
                MetadataReader.Read meta = metadata.orElseThrow();
                into.addBroker(located(new Broker(meta.metadata(), spec.orElseThrow(), options), "Broker", meta));
            }
        }
    }

    private <T> Located<T> located(T resource, String kind, MetadataReader.Read meta) {
        return new Located<>(resource, kind, meta.metadata().id(), report, meta.nameNode());
    }

    /**
     * Knative's {@code audience} of the subscriber and of the trigger's own dead-letter sink (docs/security.md): tokens for it
     * from the annotated {@code egressAuth} entry, else from the entry {@value EgressAuthRef#DEFAULT}.
     */
    private static TriggerOptions withAudiences(TriggerOptions options, TriggerSpec spec) {
        Optional<String> subscriberAudience = spec.subscriber().audience();
        Optional<String> sinkAudience =
                spec.delivery().flatMap(DeliverySpec::deadLetterSink).flatMap(Destination::audience);
        return options.withAuth(
                withAudience(options.subscriberAuth(), subscriberAudience),
                withAudience(options.deadLetterAuth(), sinkAudience));
    }

    private static Optional<EgressAuthRef> withAudience(Optional<EgressAuthRef> named, Optional<String> audience) {
        if (audience.isEmpty()) {
            return named;
        }
        return Optional.of(new EgressAuthRef(named.map(EgressAuthRef::name).orElse(EgressAuthRef.DEFAULT), audience));
    }
}
