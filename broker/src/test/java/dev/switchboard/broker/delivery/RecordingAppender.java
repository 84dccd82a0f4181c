package dev.switchboard.broker.delivery;

import dev.switchboard.broker.log.EventAppender;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory log for tests that exercise HTTP, not Kafka: records what was appended and can refuse the
 * first writes as a Kafka outage would. Tests of the topic paths use the real {@code KafkaEventAppender}.
 */
final class RecordingAppender implements EventAppender {
    record Appended(String topic, CloudEvent event, Map<String, String> headers) {}

    private final List<Appended> appended = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft;
    private final AtomicInteger tries = new AtomicInteger();

    RecordingAppender(int refusals) {
        this.refusalsLeft = new AtomicInteger(refusals);
    }

    RecordingAppender() {
        this(0);
    }

    @Override
    public Future<Void> append(String topic, CloudEvent event, Map<String, String> transportHeaders) {
        tries.incrementAndGet();
        if (refusalsLeft.getAndDecrement() > 0) {
            return Future.failedFuture(new IllegalStateException("Kafka is down"));
        }
        appended.add(new Appended(topic, event, Map.copyOf(transportHeaders)));
        return Future.succeededFuture();
    }

    List<Appended> appended() {
        return List.copyOf(appended);
    }

    int tries() {
        return tries.get();
    }
}
