package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.log.UnreadableRecord;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the records of a broker's topic that are not CloudEvents, once each, as the shared reader passes them
 * ({@code switchboard_records_skipped_total{namespace,broker,reason}}, docs/operations.md). A catch-up reader reading
 * them again does not count them again. Every reason has a series from the start, so an alert can use {@code increase}.
 */
final class SkippedRecords {
    private final Map<UnreadableRecord, Counter> counters = new EnumMap<>(UnreadableRecord.class);

    SkippedRecords(MeterRegistry registry, ResourceId broker) {
        for (UnreadableRecord reason : UnreadableRecord.values()) {
            counters.put(
                    reason,
                    Counter.builder(MetricNames.RECORDS_SKIPPED)
                            .description("Records of the broker's topic skipped because they are not CloudEvents")
                            .tag(MetricNames.TAG_NAMESPACE, broker.namespace())
                            .tag(MetricNames.TAG_BROKER, broker.name())
                            .tag(MetricNames.TAG_REASON, reason.wireName())
                            .register(registry));
        }
    }

    void count(UnreadableRecord reason) {
        counters.get(reason).increment();
    }
}
