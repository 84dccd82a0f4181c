package dev.switchboard.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink over real HTTP on loopback: the protocol it speaks and the binary-mode request it sends. */
class HttpIngressSinkTest {
    private final Vertx vertx = Vertx.vertx();
    private final EventShape shape = new EventShape("sink", List.of("loadtest.t0"), 0, 16);
    private final Map<String, HttpVersion> versions = new ConcurrentHashMap<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void http2SendsEveryEventOverOneCleartextConnectionWithoutUpgrade() throws Exception {
        HttpIngressSink sink = new HttpIngressSink(
                vertx, start(), ContentMode.BINARY, new IngressConnections(1, true), Duration.ofSeconds(10));

        for (long sequence = 0; sequence < 20; sequence++) {
            assertThat(send(sink, sequence).status()).isEqualTo(202);
        }

        assertThat(versions).hasSize(20).allSatisfy((id, version) -> assertThat(version)
                .isEqualTo(HttpVersion.HTTP_2));
        assertThat(connections).hasSize(1);
    }

    @Test
    void http1IsTheDefault() throws Exception {
        HttpIngressSink sink = new HttpIngressSink(
                vertx, start(), ContentMode.BINARY, IngressConnections.http1(2), Duration.ofSeconds(10));

        assertThat(send(sink, 0).status()).isEqualTo(202);

        assertThat(versions).containsExactly(Map.entry(shape.id(0), HttpVersion.HTTP_1_1));
    }

    private SendOutcome send(HttpIngressSink sink, long sequence) throws Exception {
        return sink.send(List.of(shape.event(sequence, 0, shape.payload()))).await(10, TimeUnit.SECONDS);
    }

    /** A server that takes h2c with prior knowledge and HTTP/1.1, noting each event's protocol and connection. */
    private URI start() throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
                .requestHandler(request -> {
                    versions.put(request.getHeader("ce-id"), request.version());
                    connections.add(request.connection().remoteAddress().toString());
                    request.response().setStatusCode(202).end();
                })
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/ns/b");
    }
}
