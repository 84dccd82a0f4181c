package dev.switchboard.loadtest.baseline;

import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.KafkaRecordMapper;
import dev.switchboard.loadtest.load.EventSink;
import dev.switchboard.loadtest.load.LoadEvent;
import dev.switchboard.loadtest.load.SendOutcome;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writes events straight to Kafka with the ingress's own producer settings
 * ({@link KafkaProducerSettings}: acks=all, idempotent, same linger and batch size) and record mapping
 * ({@link KafkaRecordMapper}: CloudEvents Kafka binary mode, partition key as record key), so the only
 * difference from Switchboard is Switchboard itself. A send is "accepted" (202) when Kafka acknowledged
 * every record of it.
 */
public final class KafkaProducerSink implements EventSink {
    /** The ingress's defaults (docs/configuration.md {@code ingress.maxEventBytes}; 10 s request deadline). */
    public static final int MAX_EVENT_BYTES = 1_048_576;

    public static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Clock clock;

    public KafkaProducerSink(Producer<String, byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A producer configured exactly as Switchboard's ingress configures its own. */
    public static KafkaProducer<String, byte[]> ingressLikeProducer(String bootstrapServers) {
        Map<String, Object> settings = KafkaProducerSettings.of(
                bootstrapServers,
                MAX_EVENT_BYTES,
                REQUEST_DEADLINE,
                Map.of(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-loadtest-raw"));
        return new KafkaProducer<>(settings);
    }

    @Override
    public Future<SendOutcome> send(List<LoadEvent> events) {
        Promise<SendOutcome> answer = Promise.promise();
        AtomicInteger pending = new AtomicInteger(events.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long now = clock.millis();
        for (LoadEvent event : events) {
            try {
                producer.send(
                        KafkaRecordMapper.toRecord(topic, cloudEvent(event), now, Map.of()), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                            if (pending.decrementAndGet() == 0) {
                                Exception first = failure.get();
                                answer.complete(
                                        first == null ? SendOutcome.accepted() : SendOutcome.transportError(first));
                            }
                        });
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                if (pending.decrementAndGet() == 0) {
                    answer.complete(SendOutcome.transportError(e));
                }
            }
        }
        return answer.future();
    }

    static CloudEvent cloudEvent(LoadEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(LoadEvent.SOURCE))
                .withType(event.type())
                .withDataContentType(LoadEvent.DATA_CONTENT_TYPE)
                .withExtension(LoadEvent.SENT_EXTENSION, Long.toString(event.intendedEpochMicros()))
                .withData(event.data());
        event.partitionKey().ifPresent(key -> builder.withExtension(KafkaRecordMapper.PARTITION_KEY, key));
        return builder.build();
    }

    @Override
    public Future<Void> close() {
        producer.close(Duration.ofSeconds(10));
        return Future.succeededFuture();
    }
}
