package dev.switchboard.loadtest.chaos;

import dev.switchboard.loadtest.load.LoadEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The chaos soak's open-model sender: event {@code n} is due at {@code n / rate} after the start whatever the
 * earlier answers, sent in binary mode to the live Switchboard ingresses in turn (a killed process is taken out
 * of the list before its kill and put back, with its new port, once it is ready again); every id answered 202
 * goes into the {@link ChaosLedger}. Counts accepted and failed events per second of the soak for the timeline.
 * Runs until {@link #stop}.
 */
public final class ChaosSender {
    private static final int MAX_OUTSTANDING = 4_000;
    private static final long TICK_MILLIS = 5;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final String runId;
    private final List<String> types;
    private final int partitionKeys;
    private final double rate;
    private final ChaosLedger ledger;
    private final LongSupplier millisSinceStart;
    private final byte[] data = "{\"p\":\"chaos\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private volatile List<URI> targets;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong turn = new AtomicLong();
    private final Map<Long, LongAdder> acceptedPerSecond = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> failedPerSecond = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();
    private long startMillis;
    private long next;
    private long timer = -1;

    public ChaosSender(
            Vertx vertx,
            String runId,
            List<String> types,
            int partitionKeys,
            double rate,
            ChaosLedger ledger,
            LongSupplier millisSinceStart) {
        this.vertx = vertx;
        this.runId = runId;
        this.types = List.copyOf(types);
        this.partitionKeys = partitionKeys;
        this.rate = rate;
        this.ledger = ledger;
        this.millisSinceStart = millisSinceStart;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    }

    /** The ingress URLs to send to from now on (may be empty while none is up). */
    public void target(List<URI> ingresses) {
        this.targets = List.copyOf(ingresses);
    }

    public void start() {
        startMillis = millisSinceStart.getAsLong();
        timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    }

    /** Stops sending; answers still outstanding are still recorded. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    public long sent() {
        return next;
    }

    public long failed() {
        return failed.sum();
    }

    public int outstanding() {
        return outstanding.get();
    }

    public Map<Long, LongAdder> acceptedPerSecond() {
        return acceptedPerSecond;
    }

    public Map<Long, LongAdder> failedPerSecond() {
        return failedPerSecond;
    }

    private void tick() {
        long due = (long) ((millisSinceStart.getAsLong() - startMillis) * rate / 1000.0);
        while (next < due) {
            send(next++);
        }
    }

    private void send(long sequence) {
        List<URI> live = targets;
        if (live == null || live.isEmpty() || outstanding.get() >= MAX_OUTSTANDING) {
            settle(false, null, null);
            return;
        }
        URI target = live.get((int) (turn.getAndIncrement() % live.size()));
        String id = runId + "-" + sequence;
        String type = types.get((int) (sequence % types.size()));
        long sentMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(target.getRawPath())
                .setIdleTimeout(30_000)
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", id)
                .putHeader("ce-source", LoadEvent.SOURCE)
                .putHeader("ce-type", type)
                .putHeader("ce-" + LoadEvent.SENT_EXTENSION, Long.toString(sentMicros))
                .putHeader("ce-partitionkey", "k" + (sequence % partitionKeys))
                .putHeader("content-type", LoadEvent.DATA_CONTENT_TYPE);
        outstanding.incrementAndGet();
        Future<Integer> answer = client.request(options)
                .compose(request -> request.send(Buffer.buffer(data)))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
        answer.onComplete(result -> {
            outstanding.decrementAndGet();
            settle(result.succeeded() && result.result() == 202, id, type);
        });
    }

    private void settle(boolean accepted, String id, String type) {
        long now = millisSinceStart.getAsLong();
        if (accepted) {
            ledger.accepted(id, type, now);
            acceptedPerSecond.computeIfAbsent(now / 1000, s -> new LongAdder()).increment();
        } else {
            failed.increment();
            failedPerSecond.computeIfAbsent(now / 1000, s -> new LongAdder()).increment();
        }
    }

    public Future<Void> close() {
        stop();
        return client.close();
    }
}
