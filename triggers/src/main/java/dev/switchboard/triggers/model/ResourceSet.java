package dev.switchboard.triggers.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A validated, immutable set of Brokers and Triggers with each trigger's status and the warnings found while
 * loading: what ingress and dispatch consume, swapped whole on reload (docs/configuration.md).
 *
 * <p>Brokers and triggers are sorted by {@link ResourceId}. When no Broker was declared, the implicit
 * {@code default/default} broker is part of the set.
 */
public final class ResourceSet {

    private final Map<ResourceId, Broker> brokers;
    private final Map<ResourceId, Trigger> triggers;
    private final Map<ResourceId, TriggerStatus> statuses;
    private final List<Diagnostic> diagnostics;
    private final boolean implicitBroker;

    private ResourceSet(
            Map<ResourceId, Broker> brokers,
            Map<ResourceId, Trigger> triggers,
            Map<ResourceId, TriggerStatus> statuses,
            List<Diagnostic> diagnostics,
            boolean implicitBroker) {
        this.brokers = brokers;
        this.triggers = triggers;
        this.statuses = statuses;
        this.diagnostics = diagnostics;
        this.implicitBroker = implicitBroker;
    }

    /**
     * Builds the set from already validated resources and computes every trigger's status.
     *
     * @param declaredBrokers the brokers in the files; when empty the implicit {@code default/default} is added
     * @param refs the server config's {@code refs}, for {@code subscriber.ref} and {@code deadLetterSink.ref}
     * @param warnings diagnostics that did not fail validation
     * @throws IllegalArgumentException on a duplicate id or an error among the diagnostics
     */
    public static ResourceSet assemble(
            List<Broker> declaredBrokers, List<Trigger> triggers, List<RefMapping> refs, List<Diagnostic> warnings) {
        return assemble(declaredBrokers, triggers, refs, EgressAuthCatalog.UNCHECKED, warnings);
    }

    /**
     * As {@link #assemble(List, List, List, List)}, checking the credentials triggers name against {@code
     * credentials} (docs/security.md {@code SubscriberAuthNotFound}).
     */
    public static ResourceSet assemble(
            List<Broker> declaredBrokers,
            List<Trigger> triggers,
            List<RefMapping> refs,
            EgressAuthCatalog credentials,
            List<Diagnostic> warnings) {
        if (warnings.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a resource set cannot carry errors");
        }
        boolean implicit = declaredBrokers.isEmpty();
        Map<ResourceId, Broker> brokersById =
                index(implicit ? List.of(Broker.implicitDefault()) : declaredBrokers, Broker::id);
        Map<ResourceId, Trigger> triggersById = index(triggers, Trigger::id);
        TriggerStatusResolver resolver = new TriggerStatusResolver(new DestinationResolver(refs), credentials);
        Map<ResourceId, TriggerStatus> statuses = new LinkedHashMap<>();
        for (Trigger trigger : triggersById.values()) {
            Optional<Broker> broker = Optional.ofNullable(brokersById.get(trigger.brokerId()));
            statuses.put(trigger.id(), resolver.resolve(trigger, broker, effectiveDelivery(trigger, broker)));
        }
        return new ResourceSet(
                brokersById, triggersById, Collections.unmodifiableMap(statuses), List.copyOf(warnings), implicit);
    }

    /** No declared resources: only the implicit broker. */
    public static ResourceSet empty() {
        return assemble(List.of(), List.of(), List.of(), List.of());
    }

    public List<Broker> brokers() {
        return List.copyOf(brokers.values());
    }

    public List<Trigger> triggers() {
        return List.copyOf(triggers.values());
    }

    public Optional<Broker> broker(ResourceId id) {
        return Optional.ofNullable(brokers.get(id));
    }

    public Optional<Trigger> trigger(ResourceId id) {
        return Optional.ofNullable(triggers.get(id));
    }

    /** The triggers whose {@code spec.broker} names this broker. */
    public List<Trigger> triggersOf(ResourceId brokerId) {
        return triggers.values().stream()
                .filter(t -> t.brokerId().equals(brokerId))
                .toList();
    }

    /** The status of a trigger of this set. */
    public TriggerStatus status(ResourceId triggerId) {
        TriggerStatus status = statuses.get(triggerId);
        if (status == null) {
            throw new IllegalArgumentException("no trigger " + triggerId);
        }
        return status;
    }

    /** The trigger's own {@code spec.delivery}, else its broker's: never merged (docs/routing-semantics.md "Delivery policy"). */
    public Optional<DeliverySpec> effectiveDelivery(Trigger trigger) {
        return effectiveDelivery(trigger, broker(trigger.brokerId()));
    }

    /** Warnings found while loading (a set never carries errors). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** True when no Broker was declared and {@code default/default} was added. */
    public boolean hasImplicitBroker() {
        return implicitBroker;
    }

    /**
     * This set with each resource's generation carried over from {@code previous}: unchanged resources keep
     * their generation, changed ones get the previous generation + 1, new ones start at 1.
     */
    public ResourceSet withGenerationsFrom(ResourceSet previous) {
        Map<ResourceId, Broker> nextBrokers = new LinkedHashMap<>();
        brokers.values().forEach(b -> nextBrokers.put(b.id(), carry(b, previous.brokers.get(b.id()))));
        Map<ResourceId, Trigger> nextTriggers = new LinkedHashMap<>();
        triggers.values().forEach(t -> nextTriggers.put(t.id(), carry(t, previous.triggers.get(t.id()))));
        return new ResourceSet(
                Collections.unmodifiableMap(nextBrokers),
                Collections.unmodifiableMap(nextTriggers),
                statuses,
                diagnostics,
                implicitBroker);
    }

    /**
     * This set without the triggers of {@code unavailable} brokers: what the dispatcher runs while an external topic
     * does not exist (docs/configuration.md "External topics").
     */
    public ResourceSet withoutTriggersOf(Set<ResourceId> unavailable) {
        if (unavailable.isEmpty()) {
            return this;
        }
        Map<ResourceId, Trigger> kept = new LinkedHashMap<>();
        Map<ResourceId, TriggerStatus> keptStatuses = new LinkedHashMap<>();
        triggers.values().stream()
                .filter(trigger -> !unavailable.contains(trigger.brokerId()))
                .forEach(trigger -> {
                    kept.put(trigger.id(), trigger);
                    keptStatuses.put(trigger.id(), statuses.get(trigger.id()));
                });
        return new ResourceSet(
                brokers,
                Collections.unmodifiableMap(kept),
                Collections.unmodifiableMap(keptStatuses),
                diagnostics,
                implicitBroker);
    }

    /** Same brokers, triggers (generations included) and statuses; diagnostics are not compared. */
    public boolean sameResourcesAs(ResourceSet other) {
        return brokers.equals(other.brokers) && triggers.equals(other.triggers) && statuses.equals(other.statuses);
    }

    @Override
    public String toString() {
        return "ResourceSet{brokers=" + brokers.keySet() + ", triggers=" + triggers.keySet() + "}";
    }

    private static Broker carry(Broker next, Broker previous) {
        if (previous == null) {
            return next.withGeneration(1);
        }
        long generation = previous.metadata().generation();
        return next.withGeneration(generation).equals(previous) ? previous : next.withGeneration(generation + 1);
    }

    private static Trigger carry(Trigger next, Trigger previous) {
        if (previous == null) {
            return next.withGeneration(1);
        }
        long generation = previous.metadata().generation();
        return next.withGeneration(generation).equals(previous) ? previous : next.withGeneration(generation + 1);
    }

    private static Optional<DeliverySpec> effectiveDelivery(Trigger trigger, Optional<Broker> broker) {
        return trigger.spec().delivery().or(() -> broker.flatMap(b -> b.spec().delivery()));
    }

    private static <T> Map<ResourceId, T> index(List<T> resources, Function<T, ResourceId> id) {
        List<T> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(id));
        Map<ResourceId, T> byId = new LinkedHashMap<>();
        for (T resource : sorted) {
            if (byId.put(id.apply(resource), resource) != null) {
                throw new IllegalArgumentException("duplicate resource " + id.apply(resource));
            }
        }
        return Collections.unmodifiableMap(byId);
    }
}
