package dev.switchboard.loadtest.receive;

import dev.switchboard.loadtest.measure.ReceiptBook;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A subscriber for load tests: every POST is a delivered CloudEvent, recorded in a {@link ReceiptBook} under
 * its request path (one path per trigger, e.g. {@code /t0}) and answered 200 without a body (no reply), or
 * 503 when the {@link ReceiverBehaviour} says so; a delivery without id or sent time gets 400. Answers after
 * the behaviour's delay with a timer, never by blocking. Samples its latencies once a second. {@link #goAway}
 * and {@link #comeBack} stop and resume listening on the same port with the same book (a subscriber outage).
 */
public final class Receiver {
    private final Vertx vertx;
    private final AtomicReference<HttpServer> server;
    private final String host;
    private final int port;
    private final Handler<HttpServerRequest> handler;
    private final AtomicReference<ReceiptBook> book;
    private final LongSupplier nanoTime;
    private final long sampleTimer;

    private Receiver(
            Vertx vertx,
            String host,
            HttpServer server,
            Handler<HttpServerRequest> handler,
            AtomicReference<ReceiptBook> book,
            LongSupplier nanoTime,
            long sampleTimer) {
        this.vertx = vertx;
        this.server = new AtomicReference<>(server);
        this.host = host;
        this.port = server.actualPort();
        this.handler = handler;
        this.book = book;
        this.nanoTime = nanoTime;
        this.sampleTimer = sampleTimer;
    }

    /** Listens on {@code host:port} (0 = a free port). */
    public static Future<Receiver> start(
            Vertx vertx, String host, int port, ReceiverBehaviour behaviour, Clock clock, LongSupplier nanoTime) {
        AtomicReference<ReceiptBook> book = new AtomicReference<>(new ReceiptBook(nanoTime));
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Handler<HttpServerRequest> handler =
                request -> handle(vertx, request, behaviour, book.get(), clock, requests, failures);
        HttpServer server = vertx.createHttpServer(
                        new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(handler);
        return server.listen().map(listening -> {
            long timer = vertx.setPeriodic(1_000, id -> book.get().sample());
            return new Receiver(vertx, host, listening, handler, book, nanoTime, timer);
        });
    }

    private static void handle(
            Vertx vertx,
            HttpServerRequest request,
            ReceiverBehaviour behaviour,
            ReceiptBook book,
            Clock clock,
            AtomicLong requests,
            AtomicLong failures) {
        String route = request.path();
        request.body().onSuccess(body -> {
            long arrivalMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
            var receipt = Receipt.read(request.headers(), body);
            int status;
            if (receipt.isEmpty()) {
                book.unreadable();
                status = 400;
            } else if (behaviour.fails(requests.getAndIncrement())) {
                book.refused(route, receipt.get().id());
                status = behaviour.failStatus(failures.getAndIncrement());
            } else {
                book.received(
                        route, receipt.get().id(), arrivalMicros - receipt.get().sentEpochMicros());
                status = 200;
            }
            answer(vertx, request, behaviour, status);
        });
    }

    private static void answer(Vertx vertx, HttpServerRequest request, ReceiverBehaviour behaviour, int status) {
        long delay = behaviour.delay().toMillis();
        if (behaviour.retryAfter(status)) {
            request.response().putHeader("Retry-After", Integer.toString(behaviour.retryAfterSeconds()));
        }
        if (delay < 1) {
            request.response().setStatusCode(status).end();
        } else {
            vertx.setTimer(delay, id -> request.response().setStatusCode(status).end());
        }
    }

    public int port() {
        return port;
    }

    /** Stops listening (connections are refused) and closes open connections; the book stays. */
    public Future<Void> goAway() {
        return server.get().close();
    }

    /** Listens again on the same port with the same handler and book. */
    public Future<Void> comeBack() {
        HttpServer fresh = vertx.createHttpServer(
                        new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(handler);
        return fresh.listen().map(listening -> {
            server.set(listening);
            return null;
        });
    }

    /** The book deliveries are recorded in now. */
    public ReceiptBook book() {
        return book.get();
    }

    /**
     * Starts recording in a fresh book counting as {@code counting} says (its intervals count from now) and
     * returns it, e.g. at a new phase.
     */
    public ReceiptBook newBook(ReceiptBook.Counting counting) {
        return use(new ReceiptBook(nanoTime, counting));
    }

    /**
     * Like {@link #newBook(ReceiptBook.Counting)}, but the book ignores ids starting with {@code
     * ignoredIdPrefix}: late deliveries of a warm-up then count neither in latency nor as duplicates or
     * unexpected.
     */
    public ReceiptBook newBook(ReceiptBook.Counting counting, String ignoredIdPrefix) {
        return use(new ReceiptBook(nanoTime, counting, ignoredIdPrefix));
    }

    private ReceiptBook use(ReceiptBook fresh) {
        book.set(fresh);
        return fresh;
    }

    public Future<Void> close() {
        vertx.cancelTimer(sampleTimer);
        book.get().sample();
        return server.get().close();
    }
}
