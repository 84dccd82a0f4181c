package dev.switchboard.broker.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.switchboard.broker.config.LogFormat;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.format} (docs/configuration.md "Logging") to the running logback configuration: for
 * {@code json}, every stream appender of the root logger (stderr, from {@code logback.xml}) gets logback's own
 * {@code JsonEncoder}, one JSON object per line: {@code formattedMessage} (the message as text shows it), the line's
 * key-value pairs ({@code kvpList}) and MDC, without logback's per-line context object. Lines
 * logged before the configuration was read stay in text.
 */
final class ConsoleLogFormat {
    private ConsoleLogFormat() {}

    /** Applies {@code format} to the logback context SLF4J is bound to; nothing when it is not logback. */
    static void apply(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            apply(context, format);
        }
    }

    static void apply(LoggerContext context, LogFormat format) {
        if (format != LogFormat.JSON) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                JsonEncoder encoder = new JsonEncoder();
                encoder.setContext(context);
                // the message as it reads in text, not its pattern and arguments; no per-line context object
                encoder.setWithFormattedMessage(true);
                encoder.setWithMessage(false);
                encoder.setWithArguments(false);
                encoder.setWithContext(false);
                encoder.setWithNanoseconds(false);
                encoder.start();
                // swapped in place: stopping would close the stream (for a plain stream appender, for good)
                stream.setEncoder(encoder);
            }
        }
    }
}
