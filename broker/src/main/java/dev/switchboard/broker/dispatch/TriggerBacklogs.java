package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.ResourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * Publishes each trigger's backlog as the two gauges of docs/operations.md: {@code switchboard_trigger_lag_events}
 * (events in the log not yet settled for the trigger) and
 * {@code switchboard_trigger_oldest_undelivered_age_seconds} (age, from the Kafka record timestamp, of the
 * oldest event read and not yet settled; it grows while a subscriber is down and is 0 when nothing is owed), and
 * counts what retention deleted before the trigger settled it ({@code switchboard_events_expired_total}); and each
 * broker's records that are not CloudEvents ({@link SkippedRecords}).
 */
public final class TriggerBacklogs {
    private final MeterRegistry registry;
    private final Clock clock;

    public TriggerBacklogs(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Backlog open(ResourceId trigger) {
        return new Backlog(trigger);
    }

    /** The counters of the broker's records that are not CloudEvents ({@code switchboard_records_skipped_total}). */
    SkippedRecords skippedRecords(ResourceId broker) {
        return new SkippedRecords(registry, broker);
    }

    /** One trigger's gauges and its expired-records counter; its reader updates them, any thread reads them. */
    final class Backlog implements AutoCloseable {
        private final List<Meter> meters;
        private final Counter expired;
        private volatile long lag;
        private volatile long oldestTimestampMillis = -1;

        private Backlog(ResourceId trigger) {
            Tags tags =
                    Tags.of(MetricNames.TAG_NAMESPACE, trigger.namespace(), MetricNames.TAG_TRIGGER, trigger.name());
            expired = Counter.builder(MetricNames.EVENTS_EXPIRED)
                    .description("Records the trigger had not settled that topic retention deleted (skipped)")
                    .tags(tags)
                    .register(registry);
            meters = List.of(
                    expired,
                    Gauge.builder(MetricNames.TRIGGER_LAG_EVENTS, this, Backlog::lag)
                            .description("Events in the broker's log not yet settled for the trigger")
                            .tags(tags)
                            .register(registry),
                    Gauge.builder(MetricNames.TRIGGER_OLDEST_UNDELIVERED_AGE, this, Backlog::ageSeconds)
                            .description("Age of the oldest event read and not yet settled for the trigger")
                            .baseUnit("seconds")
                            .tags(tags)
                            .register(registry));
        }

        void expired(long records) {
            expired.increment(records);
        }

        void update(long lagEvents, OptionalLong oldestUnsettledTimestampMillis) {
            lag = Math.max(0, lagEvents);
            oldestTimestampMillis = oldestUnsettledTimestampMillis.orElse(-1);
        }

        double lag() {
            return lag;
        }

        double ageSeconds() {
            long oldest = oldestTimestampMillis;
            return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
        }

        @Override
        public void close() {
            meters.forEach(registry::remove);
        }
    }
}
