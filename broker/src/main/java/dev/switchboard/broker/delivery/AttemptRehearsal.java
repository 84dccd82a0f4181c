package dev.switchboard.broker.delivery;

import dev.switchboard.broker.config.EgressConfig;
import dev.switchboard.triggers.model.DeliveryFormat;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The code of a delivery attempt — {@link RequestEncoder}, {@link HttpAttempt}, the egress guard and Vert.x's HTTP
 * client — run on a list of events against one endpoint, {@code lanes} requests at a time, so that a process can
 * load and compile it before a subscriber waits on it (docs/operations.md "Startup warm-up"). Its own connection
 * pool, closed at the end; no meter, no retry, no dead letter: an attempt that fails is simply counted out.
 */
public final class AttemptRehearsal {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final URI endpoint;
    private final List<CloudEvent> events;
    private final HttpAttempt attempt;
    private final RequestEncoder encoder = new RequestEncoder();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    private AttemptRehearsal(Vertx vertx, URI endpoint, List<CloudEvent> events) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.events = List.copyOf(events);
        this.attempt =
                new HttpAttempt(vertx, MAX_ANSWER_BYTES, EgressGuard.of(vertx, new EgressConfig(List.of(), List.of())));
    }

    /**
     * Posts every event to {@code endpoint}, one in four in structured mode and the others in binary mode.
     *
     * @return how many were answered with a 2xx
     */
    public static Future<Integer> run(Vertx vertx, URI endpoint, List<CloudEvent> events, int lanes) {
        return new AttemptRehearsal(vertx, endpoint, events).run(lanes);
    }

    private Future<Integer> run(int lanes) {
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(lanes));
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            running.add(lane(client));
        }
        return Future.join(running).eventually(client::close).map(done -> answered.get());
    }

    /** Posts the next event not taken yet, then the next, until none is left. */
    private Future<Void> lane(HttpClient client) {
        int index = next.getAndIncrement();
        if (index >= events.size()) {
            return Future.succeededFuture();
        }
        DeliveryFormat format = index % 4 == 3 ? DeliveryFormat.JSON : DeliveryFormat.BINARY;
        OutgoingRequest request = encoder.encode(events.get(index), format, Map.of(), true);
        return attempt.post(() -> Future.succeededFuture(client), endpoint, request, ATTEMPT_TIMEOUT)
                .compose(exchange -> {
                    if (exchange instanceof Exchange.Answered answer && answer.isSuccess()) {
                        answered.incrementAndGet();
                    }
                    return lane(client);
                });
    }
}
