package dev.switchboard.broker.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver (subscriber or dead-letter sink) on 127.0.0.1 and a free port: records every request
 * and answers from a script, then with the last answer of the script forever.
 */
final class ScriptedReceiver implements AutoCloseable {

    /** One scripted answer; {@code status} 0 means "never answer". */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), new byte[0]);
        }

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Answer silence() {
            return of(0);
        }

        Answer with(String header, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(header, value);
            return new Answer(status, Map.copyOf(more), body);
        }
    }

    /** One request as it arrived. */
    record Received(String path, MultiMap headers, byte[] body, long atNanos) {}

    private final HttpServer server;
    private final String scheme;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer last = Answer.of(200);

    ScriptedReceiver(Vertx vertx, Answer... answers) throws Exception {
        this(vertx, new HttpServerOptions(), answers);
    }

    /** A receiver with {@code options}: with {@code ssl} set it serves {@code https://}. */
    ScriptedReceiver(Vertx vertx, HttpServerOptions options, Answer... answers) throws Exception {
        this.scheme = options.isSsl() ? "https" : "http";
        script.addAll(List.of(answers));
        if (answers.length > 0) {
            last = answers[answers.length - 1];
        }
        server = vertx.createHttpServer(options)
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(new Received(
                            request.path(),
                            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                            body.getBytes(),
                            System.nanoTime()));
                    Answer answer = script.poll();
                    if (answer == null) {
                        answer = last;
                    }
                    if (answer.status() == 0) {
                        return;
                    }
                    request.response().setStatusCode(answer.status());
                    answer.headers().forEach(request.response()::putHeader);
                    request.response().end(Buffer.buffer(answer.body()));
                }));
        server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.actualPort() + path);
    }

    URI uri() {
        return uri("/");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}
