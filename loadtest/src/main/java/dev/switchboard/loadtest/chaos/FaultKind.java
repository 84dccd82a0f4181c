package dev.switchboard.loadtest.chaos;

/** The faults the chaos soak injects, each several times. */
public enum FaultKind {
    /** kill -9 of one Switchboard process, then its restart on the same data directory. */
    SWITCHBOARD_KILL,
    /** kill -9 of one Kafka node, then its restart on the same storage and ports. */
    KAFKA_KILL,
    /** The outage subscriber stops listening, then comes back on the same port. */
    SUBSCRIBER_OUTAGE,
    /** The dead-letter sink stops listening, then comes back. */
    SINK_OUTAGE,
    /** A YAML file that does not parse is written into the resource folder, then removed. */
    BROKEN_YAML,
    /** A trigger is added and the previously added one removed, in one change of the folder. */
    TRIGGER_CHURN,
    /** Every Switchboard-to-Kafka connection gets an added latency for a while. */
    PROXY_DELAY,
    /** Every Switchboard-to-Kafka connection is dropped and new ones refused for a while. */
    PROXY_LOSS
}
