package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.triggers.filter.CesqlErrorListener;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Cursor states for unit tests, with no Kafka: triggers of broker {@code w/b} that match events of type {@code
 * wanted}, delivering through what the test gives them (usually {@link HeldDeliveries}).
 */
final class CursorStates {
    static final String TOPIC = "switchboard.w.b";
    private static final FilterCompiler COMPILER = new FilterCompiler(CesqlErrorListener.ignoring());

    private CursorStates() {}

    /** Trigger {@code w/name} on broker {@code b}, with {@code annotations}. */
    static TriggerBinding binding(String name, Map<String, String> annotations) {
        return TriggerBindings.of(ResourceYaml.in("w")
                        .broker("b")
                        .trigger(name, "b", "http://127.0.0.1:1/", annotations, "wanted")
                        .load())
                .get(new ResourceId("w", name));
    }

    /**
     * A state for trigger {@code w/name} with {@code max-in-flight} 100 (a read-ahead of 400) that owns partition 0 from
     * offset 0, detached, delivering through {@code delivery}.
     */
    static CursorState onPartition0(Vertx vertx, EventDelivery delivery, TriggerBacklogs backlogs, String name) {
        CursorState state = open(
                vertx,
                delivery,
                backlogs,
                binding(name, ResourceYaml.annotations("switchboard.dev/max-in-flight", "100")));
        state.own(0, 0);
        return state;
    }

    /** A state for {@code binding} whose window delivers through {@code delivery} on a context of {@code vertx}. */
    static CursorState open(Vertx vertx, EventDelivery delivery, TriggerBacklogs backlogs, TriggerBinding binding) {
        DeliveryWindow window = new DeliveryWindow(vertx.getOrCreateContext(), delivery, binding, System::nanoTime);
        return new CursorState(
                binding, COMPILER.compile(binding.filter()), COMPILER, window, backlogs.open(binding.id()), 0);
    }
}
