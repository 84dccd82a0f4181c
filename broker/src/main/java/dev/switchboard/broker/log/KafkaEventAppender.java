package dev.switchboard.broker.log;

import io.cloudevents.CloudEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Appends events with one shared idempotent Kafka producer ({@code acks=all}). {@code Producer.send} can
 * block (metadata refresh, full buffer), so it runs on a dedicated thread, never on an event loop; the
 * acknowledgement is handed back to the caller's Vert.x context.
 */
public final class KafkaEventAppender implements EventAppender, AutoCloseable {
    private final Vertx vertx;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final ExecutorService sendThread;

    public KafkaEventAppender(Vertx vertx, Producer<String, byte[]> producer, Clock clock) {
        this.vertx = vertx;
        this.producer = producer;
        this.clock = clock;
        this.sendThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-kafka-send");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Future<Void> append(String topic, CloudEvent event, Map<String, String> transportHeaders) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> promise = Promise.promise();
        ProducerRecord<String, byte[]> record =
                KafkaRecordMapper.toRecord(topic, event, clock.millis(), transportHeaders);
        try {
            sendThread.execute(() -> send(record, context, promise));
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the event log is closed"));
        }
        return promise.future();
    }

    private void send(ProducerRecord<String, byte[]> record, Context context, Promise<Void> promise) {
        try {
            producer.send(
                    record,
                    (metadata, error) -> context.runOnContext(ignored -> {
                        if (error == null) {
                            promise.complete();
                        } else {
                            promise.fail(error);
                        }
                    }));
        } catch (RuntimeException e) {
            context.runOnContext(ignored -> promise.fail(e));
        }
    }

    /** Flushes what was handed over, then closes the producer, waiting at most {@code timeoutMillis}. */
    public void close(long timeoutMillis) {
        sendThread.shutdown();
        try {
            sendThread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofMillis(timeoutMillis));
    }

    @Override
    public void close() {
        close(5_000);
    }
}
