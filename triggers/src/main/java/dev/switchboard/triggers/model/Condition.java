package dev.switchboard.triggers.model;

import java.util.Objects;

/** One Knative-style status condition: type, status, a CamelCase reason and a human message. */
public record Condition(ConditionType type, ConditionStatus status, String reason, String message) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static Condition isTrue(ConditionType type, String reason, String message) {
        return new Condition(type, ConditionStatus.TRUE, reason, message);
    }

    public static Condition isFalse(ConditionType type, String reason, String message) {
        return new Condition(type, ConditionStatus.FALSE, reason, message);
    }

    public boolean isTrue() {
        return status == ConditionStatus.TRUE;
    }
}
