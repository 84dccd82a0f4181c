package dev.switchboard.samples;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber for tests: every CloudEvent POSTed to {@code http://127.0.0.1:{port}/{path}} is kept under its path and
 * answered 200 without a body (no reply). Several triggers point at one recorder with different paths.
 */
final class EventRecorder implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<CloudEvent>> received;

    private EventRecorder(HttpServer server, Map<String, List<CloudEvent>> received) {
        this.server = server;
        this.received = received;
    }

    static EventRecorder start(Vertx vertx) throws Exception {
        Map<String, List<CloudEvent>> received = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> VertxMessageFactory.createReader(request)
                        .map(MessageReader::toEvent)
                        .onSuccess(event -> {
                            received.computeIfAbsent(request.path(), path -> new CopyOnWriteArrayList<>())
                                    .add(event);
                            request.response().setStatusCode(200).end();
                        })
                        .onFailure(
                                error -> request.response().setStatusCode(400).end(String.valueOf(error))))
                .listen(0, "127.0.0.1")
                .await();
        return new EventRecorder(server, received);
    }

    /** The URL of one path on this recorder, for a trigger's {@code subscriber.uri}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    List<CloudEvent> at(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    @Override
    public void close() {
        server.close().await();
    }
}
