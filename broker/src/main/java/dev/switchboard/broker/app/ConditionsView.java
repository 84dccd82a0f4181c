package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads the Knative-style {@code status.conditions} of an ops API item (docs/operations.md) for the CLI's READY,
 * REASON and CONDITIONS columns, the last as {@code kn} prints it: {@code "3 OK / 4"}, the conditions that are
 * True out of all.
 */
record ConditionsView(JsonNode conditions) {

    static ConditionsView of(JsonNode item) {
        return new ConditionsView(item.path("status").path("conditions"));
    }

    /** {@code True}, {@code False} or {@code Unknown} (also when there is no Ready condition). */
    String ready() {
        return readyCondition().path("status").asText("Unknown");
    }

    /** The Ready condition's reason, empty while Ready. */
    String reason() {
        return "True".equals(ready()) ? "" : readyCondition().path("reason").asText("");
    }

    String summary() {
        int ok = 0;
        for (JsonNode condition : conditions) {
            if ("True".equals(condition.path("status").asText())) {
                ok++;
            }
        }
        return ok + " OK / " + conditions.size();
    }

    private JsonNode readyCondition() {
        for (JsonNode condition : conditions) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }
}
