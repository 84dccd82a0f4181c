package dev.switchboard.triggers.model;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the loader concluded about a trigger (docs/operations.md {@code status}): its conditions, {@code Ready} first, and
 * the resolved subscriber and dead-letter sink URIs.
 */
public record TriggerStatus(List<Condition> conditions, Optional<URI> subscriberUri, Optional<URI> deadLetterSinkUri) {

    /** Reason of {@code Ready}/{@code BrokerReady} when {@code spec.broker} names no loaded broker. */
    public static final String BROKER_DOES_NOT_EXIST = "BrokerDoesNotExist";
    /** Reason of {@code Ready}/{@code SubscriberResolved} when {@code subscriber.ref} matches no ref mapping. */
    public static final String SUBSCRIBER_NOT_RESOLVED = "SubscriberNotResolved";
    /** Reason of {@code Ready}/{@code DeadLetterSinkResolved} when {@code deadLetterSink.ref} matches none. */
    public static final String DEAD_LETTER_SINK_NOT_RESOLVED = "DeadLetterSinkNotResolved";
    /**
     * Reason of {@code Ready} and of {@code SubscriberResolved} or {@code DeadLetterSinkResolved} when the credentials
     * named for that destination are not an {@code egressAuth} entry of the server (docs/security.md).
     */
    public static final String SUBSCRIBER_AUTH_NOT_FOUND = "SubscriberAuthNotFound";

    public TriggerStatus {
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(subscriberUri, "subscriberUri");
        Objects.requireNonNull(deadLetterSinkUri, "deadLetterSinkUri");
    }

    /** The condition of that type; every status carries all of them. */
    public Condition condition(ConditionType type) {
        return conditions.stream()
                .filter(c -> c.type() == type)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no condition " + type.wireName()));
    }

    public boolean isReady() {
        return condition(ConditionType.READY).isTrue();
    }
}
