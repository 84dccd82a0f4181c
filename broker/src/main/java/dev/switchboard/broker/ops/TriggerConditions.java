package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.CaBundleTrust;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A trigger's Knative-style conditions as the ops API shows them (docs/operations.md): the loader's conditions
 * ({@code TriggerStatus}), then what the running stages know that the loader cannot: a standing egress refusal
 * (docs/security.md) and an unreadable CA bundle. The same conditions feed {@code status.conditions} and the
 * {@code switchboard_trigger_ready} gauge, so both always agree.
 *
 * <p>Reading the CA bundle touches the file system: call this off the event loop.
 */
final class TriggerConditions {
    static final String EGRESS_REFUSED = "EgressRefused";
    static final String CA_BUNDLE_UNREADABLE = "CaBundleUnreadable";

    private final EgressRefusals egress;
    private final KnativeJson knative = new KnativeJson();

    TriggerConditions(EgressRefusals egress) {
        this.egress = egress;
    }

    JsonArray of(Trigger trigger, TriggerStatus status) {
        JsonArray conditions = knative.conditions(status.conditions());
        egress.of(trigger.id()).ifPresent(refusal -> egressRefused(conditions, refusal));
        // docs/security.md: a trigger whose switchboard.dev/ca-bundle cannot be read or holds no certificate is not
        // Ready
        // (CaBundleUnreadable, the file's problem as message); its https deliveries fail and are retried meanwhile
        trigger.options()
                .caBundle()
                .flatMap(CaBundleTrust::problem)
                .ifPresent(problem -> notReady(conditions, CA_BUNDLE_UNREADABLE, problem));
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
        for (int i = 0; i < conditions.size(); i++) {
            JsonObject condition = conditions.getJsonObject(i);
            if ("Ready".equals(condition.getString("type"))) {
                condition.put("status", "False").put("reason", reason).put("message", message);
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
