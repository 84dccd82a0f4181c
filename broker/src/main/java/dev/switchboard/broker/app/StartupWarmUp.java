package dev.switchboard.broker.app;

import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.codec.ReadResult;
import dev.switchboard.broker.delivery.AttemptRehearsal;
import dev.switchboard.broker.log.KafkaRecordMapper;
import dev.switchboard.broker.log.KafkaRecordReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first delivery, runs a few thousand synthetic events through the code every real event goes through in
 * this process, so that a restarted Switchboard does not spend its first seconds loading and interpreting it while
 * subscribers wait (docs/operations.md "Startup warm-up"):
 *
 * <pre>
 *   event ─▶ Kafka record (the ingress's mapping) ─▶ event again (the shared reader's decoding)
 *         ─▶ request (delivery encoding, HTTP client) ─▶ loopback subscriber (HTTP server, the ingress's event reader) ─▶ 200
 * </pre>
 *
 * <p>Everything runs on a Vert.x of its own with no meters, on 127.0.0.1, closed at the end: nothing reaches Kafka, a
 * subscriber, {@code /metrics} or the logs but one line. Bounded in time: past {@code deadline} the start goes on.
 */
final class StartupWarmUp {
    static final int EVENTS = 4_000;
    private static final int LANES = 8;
    private static final int DATA_BYTES = 1024;
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private final EventReader reader = new EventReader();

    StartupWarmUp() {}

    /** Runs the warm-up, waiting at most {@code deadline}; the outcome is logged, never thrown. */
    static void run(Duration deadline, LongSupplier nanoTime) {
        long started = nanoTime.getAsLong();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try {
            int answered = new StartupWarmUp()
                    .exercise(vertx, events(EVENTS))
                    .await(deadline.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "delivery path warmed up: {} of {} synthetic events delivered to a loopback subscriber in {} ms",
                    answered,
                    EVENTS,
                    TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started));
        } catch (Exception e) {
            LOG.info("delivery path warm-up cut short after {} ms: {}", deadline.toMillis(), e.toString());
        } finally {
            vertx.close();
        }
    }

    /** Starts the loopback subscriber, rehearses the delivery of {@code events} to it, stops it. */
    Future<Integer> exercise(Vertx vertx, List<CloudEvent> events) {
        return vertx.createHttpServer()
                .requestHandler(this::answer)
                .listen(0, "127.0.0.1")
                .compose(server -> {
                    URI endpoint = URI.create("http://127.0.0.1:" + server.actualPort() + "/warm-up");
                    return AttemptRehearsal.run(vertx, endpoint, events, LANES).eventually(server::close);
                });
    }

    /** Reads the request as the ingress would: 200 for an event, 400 otherwise. */
    private void answer(HttpServerRequest request) {
        request.body().onComplete(body -> {
            ReadResult read = body.succeeded()
                    ? reader.read(request.headers(), body.result().getBytes())
                    : null;
            int status = read != null && read.rejection().isEmpty() ? 200 : 400;
            request.response().setStatusCode(status).end();
        });
    }

    /** {@code count} events, each through the ingress's Kafka mapping and back through the reader's decoding. */
    static List<CloudEvent> events(int count) {
        byte[] data = new byte[DATA_BYTES];
        Arrays.fill(data, (byte) 'x');
        data[0] = '"';
        data[DATA_BYTES - 1] = '"';
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        List<CloudEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId("warm-up-" + i)
                    .withSource(URI.create("/switchboard/warm-up"))
                    .withType("dev.switchboard.warmup")
                    .withSubject("s" + (i % 16))
                    .withTime(TIME.plusNanos(i * 1_000L))
                    .withExtension(KafkaRecordMapper.PARTITION_KEY, "k" + (i % 16))
                    .withDataContentType("application/json")
                    .withData(data)
                    .build();
            ProducerRecord<String, byte[]> record = KafkaRecordMapper.toRecord(
                    "warm-up", event, TIME.toInstant().toEpochMilli(), Map.of("traceparent", traceparent));
            events.add(KafkaRecordReader.toEvent(record.headers(), record.value()));
        }
        return events;
    }
}
