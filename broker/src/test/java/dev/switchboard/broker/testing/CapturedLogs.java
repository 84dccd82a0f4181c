package dev.switchboard.broker.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the JVM while attached (root logger, all levels the configuration lets through), with its
 * stack trace and key/value pairs rendered, so a test can search them for a secret that must never appear.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public static CapturedLogs attach() {
        CapturedLogs logs = new CapturedLogs();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.setContext(root.getLoggerContext());
        logs.setName("captured-logs");
        logs.start();
        root.addAppender(logs);
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(' ')
                .append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair));
        }
        if (event.getMDCPropertyMap() != null) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines that contain {@code secret}. */
    public List<String> containing(String secret) {
        return lines.stream().filter(line -> line.contains(secret)).toList();
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }
}
