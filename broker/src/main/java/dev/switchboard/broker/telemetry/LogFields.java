package dev.switchboard.broker.telemetry;

/**
 * The names of the structured fields a log line about one trigger or one event carries (docs/configuration.md
 * "Logging"), given as SLF4J key-value pairs: {@code LOG.atWarn().addKeyValue(LogFields.TRIGGER, "ns/name")}.
 * With {@code logging.format: json} they are fields of the line's JSON object; in text they are not printed.
 */
public final class LogFields {
    /** The trigger a line is about, as {@code namespace/name}. */
    public static final String TRIGGER = "trigger";
    /** The broker a line is about, as {@code namespace/name}. */
    public static final String BROKER = "broker";
    /** The CloudEvent {@code id} of the event a line is about. */
    public static final String EVENT_ID = "eventId";

    private LogFields() {}
}
