package dev.switchboard.broker.dispatch;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * A real HTTP subscriber on 127.0.0.1 for dispatch tests: records every binary-mode event it receives (id and
 * partition key, in arrival order), how many requests it held at once, and answers with a settable status after
 * a settable latency.
 */
final class Subscriber implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile int status = 202;
    private volatile ToLongFunction<Received> latencyMillis = event -> 0;

    private Subscriber(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static Subscriber start(Vertx vertx) throws Exception {
        Subscriber[] holder = new Subscriber[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> holder[0].handle(request));
        holder[0] = new Subscriber(vertx, server);
        server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return holder[0];
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    Subscriber answering(int status) {
        this.status = status;
        return this;
    }

    Subscriber withLatency(ToLongFunction<Received> latencyMillis) {
        this.latencyMillis = latencyMillis;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Ids of events answered 2xx, each once. */
    Set<String> delivered() {
        return Set.copyOf(distinct);
    }

    int count() {
        return received.size();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpServerRequest request) {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        request.body().onComplete(body -> {
            Received event = new Received(
                    request.path(),
                    request.getHeader("ce-id"),
                    request.getHeader("ce-partitionkey"),
                    request.headers().entries().stream()
                            .filter(e -> e.getKey().toLowerCase().startsWith("ce-"))
                            .collect(java.util.stream.Collectors.toMap(
                                    e -> e.getKey().toLowerCase(), Map.Entry::getValue, (a, b) -> b)));
            long delay = latencyMillis.applyAsLong(event);
            Runnable answer = () -> {
                int answered = status;
                if (answered / 100 == 2) {
                    received.add(event);
                    distinct.add(event.id());
                }
                concurrent.decrementAndGet();
                request.response().setStatusCode(answered).end();
            };
            if (delay <= 0) {
                answer.run();
            } else {
                vertx.setTimer(delay, id -> answer.run());
            }
        });
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }

    /** One event as the subscriber saw it. */
    record Received(String path, String id, String partitionKey, Map<String, String> ceHeaders) {}
}
