package dev.switchboard.triggers.model;

/** A condition's status as in Kubernetes: {@code True}, {@code False} or {@code Unknown}. */
public enum ConditionStatus {
    TRUE("True"),
    FALSE("False"),
    UNKNOWN("Unknown");

    private final String wireName;

    ConditionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
