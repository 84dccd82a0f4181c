package dev.switchboard.triggers.model;

/** The annotation keys Switchboard reads; every other {@code switchboard.dev/} key is an error. */
public final class SwitchboardAnnotations {

    /** The vendor prefix: keys under it are checked, all others are free. */
    public static final String PREFIX = "switchboard.dev/";

    /** Knative Kafka broker's ordering annotation, honoured as is. */
    public static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    public static final String MAX_IN_FLIGHT = PREFIX + "max-in-flight";
    public static final String RATE_LIMIT = PREFIX + "rate-limit";
    public static final String START_FROM = PREFIX + "start-from";
    public static final String PAUSED = PREFIX + "paused";
    public static final String REPLY = PREFIX + "reply";
    public static final String BACKOFF_MAX = PREFIX + "backoff-max";
    /** A PEM file of CA certificates trusted, on top of the JVM's, for this trigger's https deliveries (docs/security.md). */
    public static final String CA_BUNDLE = PREFIX + "ca-bundle";

    /** The {@code egressAuth} entry whose credentials go with each request to the subscriber (docs/security.md). */
    public static final String SUBSCRIBER_AUTH = PREFIX + "subscriber-auth";
    /** The {@code egressAuth} entry whose credentials go with each request to the dead-letter sink (docs/security.md). */
    public static final String DEAD_LETTER_AUTH = PREFIX + "dead-letter-auth";

    /** Knative Kafka broker's annotation naming an existing topic that backs the broker (docs/configuration.md). */
    public static final String EXTERNAL_TOPIC = "kafka.eventing.knative.dev/external.topic";

    /** A broker's topic settings (docs/configuration.md "Broker annotations"). */
    public static final String PARTITIONS = PREFIX + "partitions";

    public static final String REPLICATION_FACTOR = PREFIX + "replication-factor";
    public static final String RETENTION = PREFIX + "retention";
    public static final String DLQ_RETENTION = PREFIX + "dlq-retention";

    public static final String AUTH = PREFIX + "auth";
    public static final String ALLOWED_SUBJECTS = PREFIX + "allowed-subjects";
    public static final String AUTH_CONTEXT = PREFIX + "authcontext";

    private SwitchboardAnnotations() {}
}
