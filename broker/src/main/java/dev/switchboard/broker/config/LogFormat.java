package dev.switchboard.broker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the server writes its log lines to stderr ({@code logging.format}, docs/configuration.md "Logging"). */
public enum LogFormat {
    /** One human-readable line per event: time, level, thread, logger, message. The default. */
    TEXT,
    /** One JSON object per line, by logback's {@code JsonEncoder}, with the line's key-value pairs and MDC. */
    JSON;

    /** The value as written in the configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<LogFormat> parse(String text) {
        return Arrays.stream(values())
                .filter(format -> format.wireName().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
