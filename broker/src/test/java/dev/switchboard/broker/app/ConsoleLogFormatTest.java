package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.broker.config.LogFormat;
import dev.switchboard.broker.telemetry.LogFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code logging.format} (docs/configuration.md "Logging"): text keeps the stream appender's pattern, json gives it
 * logback's {@code JsonEncoder}, one JSON object per line with the trigger and event id as fields.
 */
class ConsoleLogFormatTest {
    /** The pattern of the server's logback.xml. */
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();
    private Logger log;

    @BeforeEach
    void streamAppenderOnTheRootLogger() {
        // what SLF4J's logback provider gives the context it creates
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        log = context.getLogger("dev.switchboard.broker.app.Example");
    }

    @Test
    void textKeepsThePattern() {
        ConsoleLogFormat.apply(context, LogFormat.TEXT);

        log.info("serving {} broker(s)", 1);

        assertThat(lines())
                .singleElement()
                .asString()
                .matches("\\S+ INFO  \\[.+] d\\.s\\.broker\\.app\\.Example - serving 1 broker\\(s\\)");
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheTriggerAndEventIdAsFields() throws Exception {
        ConsoleLogFormat.apply(context, LogFormat.JSON);

        log.atWarn()
                .addKeyValue(LogFields.TRIGGER, "default/hello-logger")
                .addKeyValue(LogFields.EVENT_ID, "1")
                .log("delivery failed: {}", "connection refused");
        log.info("stopped");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("loggerName").asText()).isEqualTo("dev.switchboard.broker.app.Example");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("delivery failed: connection refused");
        assertThat(first.get("kvpList").toString())
                .contains("\"trigger\":\"default/hello-logger\"")
                .contains("\"eventId\":\"1\"");
        assertThat(new ObjectMapper()
                        .readTree(lines.get(1))
                        .get("formattedMessage")
                        .asText())
                .isEqualTo("stopped");
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
