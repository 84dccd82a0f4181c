package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.filter.CesqlErrorListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts CESQL filters that failed at run time ({@code switchboard_filter_errors_total{kind}}) and logs the
 * first failure of each expression and kind at WARN, later ones at DEBUG. A failed evaluation is "no match"
 * (CESQL v1 §4.3, as Knative does), so without this an operator would only see a trigger that never fires.
 * The tag is the SDK's error kind, a small closed set; expressions stay out of the tags (they are in the log).
 */
public final class CesqlErrorCounter implements CesqlErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(CesqlErrorCounter.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> byKind = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public CesqlErrorCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void evaluationFailed(String expression, String kind, String message) {
        byKind.computeIfAbsent(kind, this::counter).increment();
        if (reported.add(kind + '\u0000' + expression)) {
            LOG.warn(
                    "CESQL filter '{}' failed ({}): {}; the event does not match (later failures of this kind are"
                            + " logged at DEBUG and counted in switchboard_filter_errors_total)",
                    expression,
                    kind,
                    message);
        } else {
            LOG.debug("CESQL filter '{}' failed ({}): {}", expression, kind, message);
        }
    }

    private Counter counter(String kind) {
        return Counter.builder(MetricNames.FILTER_ERRORS)
                .description("CESQL filter evaluations that failed at run time (the event did not match)")
                .tag(MetricNames.TAG_KIND, kind)
                .register(registry);
    }
}
