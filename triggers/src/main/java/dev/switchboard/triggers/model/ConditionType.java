package dev.switchboard.triggers.model;

/** Knative-style condition types on a trigger's status (docs/operations.md). */
public enum ConditionType {
    /** the summary: True only when every other condition is True. */
    READY("Ready"),
    /** the trigger's broker exists. */
    BROKER_READY("BrokerReady"),
    /** {@code spec.subscriber} resolved to an absolute URI. */
    SUBSCRIBER_RESOLVED("SubscriberResolved"),
    /** the dead-letter sink, if any, resolved to an absolute URI. */
    DEAD_LETTER_SINK_RESOLVED("DeadLetterSinkResolved"),
    /** Knative's dependency annotation; Switchboard has no dependencies to wait for, so always True. */
    DEPENDENCY_READY("DependencyReady");

    private final String wireName;

    ConditionType(String wireName) {
        this.wireName = wireName;
    }

    /** The name as it appears in the API, e.g. {@code BrokerReady}. */
    public String wireName() {
        return wireName;
    }
}
