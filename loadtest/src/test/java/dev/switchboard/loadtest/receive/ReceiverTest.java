package dev.switchboard.loadtest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.loadtest.load.ContentMode;
import dev.switchboard.loadtest.load.EventShape;
import dev.switchboard.loadtest.load.HttpIngressSink;
import dev.switchboard.loadtest.load.IngressConnections;
import dev.switchboard.loadtest.load.LoadEvent;
import dev.switchboard.loadtest.load.SendOutcome;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.measure.Reconciliation;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The receiver over real HTTP on loopback: what it counts, and how it answers. */
class ReceiverTest {
    private final Vertx vertx = Vertx.vertx();
    private final EventShape shape = new EventShape("rx", List.of("loadtest.t0"), 0, 32);

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private Receiver start(ReceiverBehaviour behaviour) throws Exception {
        return Receiver.start(vertx, "127.0.0.1", 0, behaviour, Clock.systemUTC(), System::nanoTime)
                .await(10, TimeUnit.SECONDS);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private SendOutcome post(HttpIngressSink sink, long sequence) throws Exception {
        LoadEvent event = shape.event(sequence, nowMicros(), shape.payload());
        return sink.send(List.of(event)).await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(
            value = ContentMode.class,
            names = {"BINARY", "STRUCTURED"})
    void reportsMissingDuplicatedAndUnexpectedIdsAgainstTheLedger(ContentMode mode) throws Exception {
        Receiver receiver = start(ReceiverBehaviour.PROMPT);
        HttpIngressSink sink = new HttpIngressSink(
                vertx,
                URI.create("http://127.0.0.1:" + receiver.port() + "/t0"),
                mode,
                IngressConnections.http1(4),
                Duration.ofSeconds(10));
        Set<String> ledger = new HashSet<>();
        for (long sequence = 0; sequence < 20; sequence++) {
            ledger.add(shape.id(sequence));
        }
        for (long sequence = 0; sequence < 15; sequence++) {
            assertThat(post(sink, sequence).status()).isEqualTo(200);
        }
        for (long sequence = 10; sequence < 15; sequence++) {
            assertThat(post(sink, sequence).status()).isEqualTo(200);
        }
        assertThat(post(sink, 1_000).status()).isEqualTo(200);

        Reconciliation result = receiver.book().reconcile(ledger);
        assertThat(result.expected()).isEqualTo(20);
        assertThat(result.received()).isEqualTo(15);
        assertThat(result.missing()).isEqualTo(5);
        assertThat(result.missingSample()).containsExactlyInAnyOrder("rx-15", "rx-16", "rx-17", "rx-18", "rx-19");
        assertThat(result.duplicates()).isEqualTo(5);
        assertThat(result.unexpected()).isEqualTo(1);
        assertThat(receiver.book().received()).isEqualTo(21);
        receiver.book().sample();
        assertThat(receiver.book().all().total().getTotalCount()).isEqualTo(21);
        assertThat(receiver.book().routes()).containsOnlyKeys("/t0");
        sink.close();
    }

    @Test
    void recordsEndToEndLatencyFromTheSentExtension() throws Exception {
        Receiver receiver = start(ReceiverBehaviour.PROMPT);
        HttpIngressSink sink = new HttpIngressSink(
                vertx,
                URI.create("http://127.0.0.1:" + receiver.port() + "/t0"),
                ContentMode.BINARY,
                IngressConnections.http1(1),
                Duration.ofSeconds(10));
        LoadEvent twoSecondsOld = shape.event(1, nowMicros() - 2_000_000, shape.payload());
        assertThat(sink.send(List.of(twoSecondsOld)).await(10, TimeUnit.SECONDS).status())
                .isEqualTo(200);

        receiver.book().sample();
        assertThat(receiver.book().all().total().getMinValue()).isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void answersTheConfiguredShareWith503AndDoesNotCountThoseAsReceived() throws Exception {
        Receiver receiver = start(new ReceiverBehaviour(Duration.ZERO, 0.5));
        HttpIngressSink sink = new HttpIngressSink(
                vertx,
                URI.create("http://127.0.0.1:" + receiver.port() + "/t0"),
                ContentMode.BINARY,
                IngressConnections.http1(1),
                Duration.ofSeconds(10));
        long refused = 0;
        for (long sequence = 0; sequence < 10; sequence++) {
            if (post(sink, sequence).status() == 503) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(5);
        assertThat(receiver.book().refusedCount()).isEqualTo(5);
        assertThat(receiver.book().distinct()).isEqualTo(5);
    }

    @Test
    void aBookIgnoringTheWarmupPrefixAnswers200ButCountsOnlyMeasuredIds() throws Exception {
        Receiver receiver = start(ReceiverBehaviour.PROMPT);
        HttpIngressSink sink = new HttpIngressSink(
                vertx,
                URI.create("http://127.0.0.1:" + receiver.port() + "/t0"),
                ContentMode.BINARY,
                IngressConnections.http1(2),
                Duration.ofSeconds(10));
        EventShape warmup = new EventShape("warmup-rx", List.of("loadtest.t0"), 0, 32);
        receiver.newBook(ReceiptBook.Counting.BY_ID, "warmup-");
        assertThat(sink.send(List.of(warmup.event(0, nowMicros() - 2_000_000, warmup.payload())))
                        .await(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        assertThat(post(sink, 0).status()).isEqualTo(200);

        Reconciliation result = receiver.book().reconcile(Set.of(shape.id(0), shape.id(1)));
        assertThat(result.received()).isEqualTo(1);
        assertThat(result.missingSample()).containsExactly(shape.id(1));
        assertThat(result.unexpected()).isZero();
        assertThat(receiver.book().ignoredCount()).isEqualTo(1);
        receiver.book().sample();
        assertThat(receiver.book().all().total().getMaxValue()).isLessThan(2_000_000);
        sink.close();
    }

    @Test
    void answersADeliveryWithoutIdOrSentTime400() throws Exception {
        Receiver receiver = start(ReceiverBehaviour.PROMPT);
        int status = vertx.createHttpClient()
                .request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(receiver.port())
                        .setURI("/t0")
                        .putHeader("ce-id", "no-sent-time"))
                .compose(request -> request.send(Buffer.buffer("{}")))
                .map(response -> response.statusCode())
                .await(10, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(400);
        assertThat(receiver.book().unreadableCount()).isEqualTo(1);
    }
}
