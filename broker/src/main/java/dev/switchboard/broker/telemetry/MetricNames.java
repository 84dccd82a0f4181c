package dev.switchboard.broker.telemetry;

/**
 * Every metric Switchboard exports, as Micrometer names. The Prometheus registry renders dots as
 * underscores, adds {@code _total} to counters and {@code _seconds} to timers, so these become the names
 * in SPEC §6 (for example {@code switchboard.ingress.events} is {@code switchboard_ingress_events_total}).
 */
public final class MetricNames {
    /** Counter, tags namespace, broker, code: one per answered ingress event request. */
    public static final String INGRESS_EVENTS = "switchboard.ingress.events";
    /** Timer with histogram, tags namespace, broker: request received to Kafka acknowledgement. */
    public static final String INGRESS_DURATION = "switchboard.ingress.duration";

    /** Counter, tag result (applied, rejected): resource reloads. */
    public static final String CONFIG_RELOADS = "switchboard.config.reloads";

    public static final String TAG_RESULT = "result";
    public static final String TAG_NAMESPACE = "namespace";
    public static final String TAG_BROKER = "broker";
    public static final String TAG_CODE = "code";
    /** The CloudEvent type: a tag only with {@code metrics.eventTypeTag: true} (cardinality). */
    public static final String TAG_TYPE = "type";

    /** Tag value used for requests to a broker that does not exist, so callers cannot mint new series. */
    public static final String UNKNOWN = "_unknown";

    private MetricNames() {}
}
