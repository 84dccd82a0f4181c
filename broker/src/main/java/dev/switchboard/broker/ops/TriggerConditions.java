package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.CaBundleTrust;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A trigger's Knative-style conditions as the ops API shows them (docs/operations.md): the loader's conditions
 * ({@code TriggerStatus}), then what the running stages know that the loader cannot: its broker's external topic missing
 * ({@code BrokerNotReady}, docs/configuration.md), a standing egress refusal (docs/security.md), an unreadable CA
 * bundle, and a trigger the dispatcher has not positioned yet ({@code NotDispatchingYet}, Ready=Unknown). The same conditions feed {@code status.conditions} and the
 * {@code switchboard_trigger_ready} gauge, so both always agree.
 *
 * <p>Reading the CA bundle touches the file system: call this off the event loop.
 */
final class TriggerConditions {
    static final String EGRESS_REFUSED = "EgressRefused";
    static final String CA_BUNDLE_UNREADABLE = "CaBundleUnreadable";
    static final String BROKER_NOT_READY = "BrokerNotReady";
    static final String NOT_DISPATCHING_YET = "NotDispatchingYet";

    private final EgressRefusals egress;
    private final Function<ResourceId, BrokerTopicState> topics;
    private final Predicate<ResourceId> dispatching;
    private final KnativeJson knative = new KnativeJson();

    /**
     * @param dispatching whether the dispatcher has positioned the trigger (a trigger the loader finds Ready is
     *     Ready only once it has: before, an event accepted would not reach it)
     */
    TriggerConditions(
            EgressRefusals egress, Function<ResourceId, BrokerTopicState> topics, Predicate<ResourceId> dispatching) {
        this.egress = egress;
        this.topics = topics;
        this.dispatching = dispatching;
    }

    JsonArray of(Trigger trigger, TriggerStatus status) {
        JsonArray conditions = knative.conditions(status.conditions());
        // docs/configuration.md "External topics": the triggers of a broker whose external topic is missing do not
        // dispatch until it exists
        topics.apply(trigger.brokerId())
                .missingTopic()
                .ifPresent(topic -> notReady(
                        conditions,
                        BROKER_NOT_READY,
                        "broker " + trigger.brokerId() + " is not ready: external topic " + topic + " does not exist"));
        egress.of(trigger.id()).ifPresent(refusal -> egressRefused(conditions, refusal));
        // docs/security.md: a trigger whose switchboard.dev/ca-bundle cannot be read or holds no certificate is not
        // Ready
        // (CaBundleUnreadable, the file's problem as message); its https deliveries fail and are retried meanwhile
        trigger.options()
                .caBundle()
                .flatMap(CaBundleTrust::problem)
                .ifPresent(problem -> notReady(conditions, CA_BUNDLE_UNREADABLE, problem));
        // docs/delivery.md "New trigger": Ready means an event accepted from now on reaches the trigger, so a trigger
        // the dispatcher has not positioned yet (a reload is applied before its new triggers are positioned, which
        // can take seconds under load) is Ready=Unknown until it has
        if (ready(conditions) && !dispatching.test(trigger.id())) {
            setReady(
                    conditions,
                    "Unknown",
                    NOT_DISPATCHING_YET,
                    "the dispatcher is positioning the trigger; events accepted once it is Ready reach it");
        }
        return conditions;
    }

    /** Whether the {@code Ready} condition among {@code conditions} is True. */
    static boolean ready(JsonArray conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            JsonObject condition = conditions.getJsonObject(i);
            if ("Ready".equals(condition.getString("type"))) {
                return "True".equals(condition.getString("status"));
            }
        }
        return false;
    }

    /**
     * docs/security.md: a trigger whose deliveries the egress guard refuses is not Ready, with reason
     * {@code EgressRefused}, and carries an {@code EgressAllowed} condition saying which address and rule.
     */
    private static void egressRefused(JsonArray conditions, EgressRefusals.Refusal refusal) {
        String message = refusal.url() + ": " + refusal.reason();
        notReady(conditions, EGRESS_REFUSED, message);
        conditions.add(condition("EgressAllowed", "False", EGRESS_REFUSED, message));
    }

    /** Sets the {@code Ready} condition to False with {@code reason} and {@code message}. */
    private static void notReady(JsonArray conditions, String reason, String message) {
        setReady(conditions, "False", reason, message);
    }

    private static void setReady(JsonArray conditions, String status, String reason, String message) {
        for (int i = 0; i < conditions.size(); i++) {
            JsonObject condition = conditions.getJsonObject(i);
            if ("Ready".equals(condition.getString("type"))) {
                condition.put("status", status).put("reason", reason).put("message", message);
            }
        }
    }

    static JsonObject condition(String type, String status, String reason, String message) {
        return new JsonObject()
                .put("type", type)
                .put("status", status)
                .put("reason", reason)
                .put("message", message);
    }
}
