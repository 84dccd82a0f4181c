package dev.switchboard.broker.telemetry;

/**
 * Every metric Switchboard exports, as Micrometer names. The Prometheus registry renders dots as
 * underscores, adds {@code _total} to counters and {@code _seconds} to timers, so these become the names
 * in docs/operations.md (for example {@code switchboard.ingress.events} is {@code switchboard_ingress_events_total}).
 */
public final class MetricNames {
    /** Counter, tags namespace, broker, code: one per answered ingress event request. */
    public static final String INGRESS_EVENTS = "switchboard.ingress.events";
    /**
     * Counter, no tags: ingress connections closed on arrival because {@code ingress.maxConnections} were
     * already open ({@code switchboard_ingress_connections_rejected_total}).
     */
    public static final String INGRESS_CONNECTIONS_REJECTED = "switchboard.ingress.connections.rejected";
    /**
     * Timer with histogram ({@link LatencyBuckets}), tags namespace, broker: request received to Kafka
     * acknowledgement.
     */
    public static final String INGRESS_DURATION = "switchboard.ingress.duration";

    /**
     * Timer with histogram ({@link LatencyBuckets}), tags kn_broker_namespace, kn_broker_name,
     * kn_trigger_namespace, kn_trigger_name, http_response_status_code: one delivery attempt to a subscriber
     * (Knative-compatible name and labels; Knative's data plane tags its trigger meters with
     * {@code kn.trigger.namespace} and {@code kn.trigger.name}).
     */
    public static final String DISPATCH_DURATION = "kn.eventing.dispatch.duration";
    /** Counter, tags namespace, trigger, outcome (delivered, retry, failed): delivery attempts to subscribers. */
    public static final String DELIVERY_ATTEMPTS = "switchboard.delivery.attempts";
    /** Counter, tags namespace, trigger, destination (sink, topic): events dead-lettered. */
    public static final String DEAD_LETTERS = "switchboard.dead.letters";
    /** Counter, tags namespace, trigger, result (published, ttl_exhausted, invalid, discarded): replies. */
    public static final String REPLIES = "switchboard.replies";

    /** Counter, tags namespace, trigger: subscriber or dead-letter sink connections refused by the egress guard. */
    public static final String EGRESS_REFUSED = "switchboard.egress.refused";

    /** Counter, tag kind (the CESQL error kind, e.g. MISSING_ATTRIBUTE, CAST, NOT_BOOLEAN): filters that failed. */
    public static final String FILTER_ERRORS = "switchboard.filter.errors";

    /**
     * Gauge, tags namespace, trigger: 1 while the trigger is Ready (the {@code Ready} condition of
     * {@code /api/v1/triggers}), 0 while it is not; one series for every loaded trigger, so that a new trigger
     * has a series before it delivers anything. Registered by the ops stage.
     */
    public static final String TRIGGER_READY = "switchboard.trigger.ready";

    /**
     * Counter, tags namespace, trigger: events that left the broker's log (retention) before they were
     * delivered to the trigger (docs/delivery.md Retention). Registered by the dispatcher.
     */
    public static final String EVENTS_EXPIRED = "switchboard.events.expired";

    /**
     * Counter, tags namespace, broker, reason (not_cloudevent, malformed, invalid_attribute): records of the broker's
     * topic that are not CloudEvents, skipped once each by its shared reader (docs/operations.md). Registered by the
     * dispatcher.
     */
    public static final String RECORDS_SKIPPED = "switchboard.records.skipped";

    /** Counter, tag result (applied, rejected): resource reloads. */
    public static final String CONFIG_RELOADS = "switchboard.config.reloads";

    public static final String TAG_RESULT = "result";
    public static final String TAG_KIND = "kind";
    public static final String TAG_NAMESPACE = "namespace";
    public static final String TAG_BROKER = "broker";
    public static final String TAG_CODE = "code";
    public static final String TAG_REASON = "reason";
    /** The CloudEvent type: a tag only with {@code metrics.eventTypeTag: true} (cardinality). */
    public static final String TAG_TYPE = "type";

    public static final String TAG_TRIGGER = "trigger";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DESTINATION = "destination";
    public static final String TAG_KN_BROKER_NAMESPACE = "kn_broker_namespace";
    public static final String TAG_KN_BROKER_NAME = "kn_broker_name";
    public static final String TAG_KN_TRIGGER_NAMESPACE = "kn_trigger_namespace";
    public static final String TAG_KN_TRIGGER_NAME = "kn_trigger_name";
    public static final String TAG_HTTP_RESPONSE_STATUS_CODE = "http_response_status_code";

    /**
     * Gauge, tags namespace, trigger: events in the trigger's broker log not yet settled for it (the sum over
     * partitions of end offset minus committed offset). Registered by the dispatcher, read by the ops API.
     */
    public static final String TRIGGER_LAG_EVENTS = "switchboard.trigger.lag.events";
    /**
     * Gauge with base unit seconds, tags namespace, trigger: age of the oldest event not yet settled for the
     * trigger, 0 when none. Register it with {@code .baseUnit("seconds")} so Prometheus shows
     * {@code switchboard_trigger_oldest_undelivered_age_seconds}. Registered by the dispatcher.
     */
    public static final String TRIGGER_OLDEST_UNDELIVERED_AGE = "switchboard.trigger.oldest.undelivered.age";

    /** Tag value used for requests to a broker that does not exist, so callers cannot mint new series. */
    public static final String UNKNOWN = "_unknown";

    private MetricNames() {}
}
