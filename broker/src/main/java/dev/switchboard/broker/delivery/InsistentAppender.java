package dev.switchboard.broker.delivery;

import dev.switchboard.broker.log.EventAppender;
import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.policy.ExponentialBackoff;
import dev.switchboard.triggers.policy.Jitter;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reply or a dead letter to Kafka and keeps trying, with doubling jittered waits capped at a maximum,
 * until the log acknowledges it or the run is abandoned (docs/delivery.md "Guarantee", docs/architecture.md principle 6): the
 * delivery settles only once something durable holds the event.
 */
final class InsistentAppender {
    private static final Logger LOG = LoggerFactory.getLogger(InsistentAppender.class);

    private final EventAppender log;
    private final ExponentialBackoff backoff;
    private final Duration cap;
    private final Jitter jitter;

    InsistentAppender(EventAppender log, Duration firstWait, Duration cap, Jitter jitter) {
        this.log = log;
        this.backoff = new ExponentialBackoff(firstWait);
        this.cap = cap;
        this.jitter = jitter;
    }

    Future<Void> append(DeliveryRun run, String topic, CloudEvent event, Map<String, String> headers) {
        return appendFrom(1, run, topic, event, headers);
    }

    private Future<Void> appendFrom(
            int n, DeliveryRun run, String topic, CloudEvent event, Map<String, String> headers) {
        return run.unlessAbandoned(() -> log.append(topic, event, headers)).recover(error -> {
            if (run.isAbandoned()) {
                return Future.failedFuture(error);
            }
            Duration wait = wait(n);
            LOG.atWarn()
                    .addKeyValue(LogFields.TRIGGER, run.trigger())
                    .addKeyValue(LogFields.EVENT_ID, event.getId())
                    .log(
                            "writing event {} to {} failed (try {}), trying again in {} ms: {}",
                            event.getId(),
                            topic,
                            n,
                            wait.toMillis(),
                            error.toString());
            return run.after(wait).compose(waited -> appendFrom(n + 1, run, topic, event, headers));
        });
    }

    private Duration wait(int n) {
        long nanos = Math.round(backoff.nominal(n, cap).toNanos() * jitter.factor());
        return Duration.ofNanos(Math.min(nanos, cap.toNanos()));
    }
}
