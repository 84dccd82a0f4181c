package dev.switchboard.loadtest.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Posts events to a Switchboard broker's ingress URL ({@code POST /{namespace}/{broker}}, docs/ingress.md) with a
 * Vert.x HTTP client holding at most the given connections (HTTP/1.1, or h2c with prior knowledge); requests
 * beyond what they carry wait in the client's queue, and that wait counts in their latency.
 */
public final class HttpIngressSink implements EventSink {
    private final HttpClientAgent client;
    private final URI target;
    private final ContentMode mode;
    private final long timeoutMillis;

    public HttpIngressSink(
            Vertx vertx, URI target, ContentMode mode, IngressConnections connections, Duration requestTimeout) {
        if (!"http".equals(target.getScheme()) || target.getPort() < 1) {
            throw new IllegalArgumentException("need an http URL with a port: " + target);
        }
        this.target = target;
        this.mode = mode;
        this.timeoutMillis = requestTimeout.toMillis();
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setProtocolVersion(connections.http2() ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                        .setHttp2ClearTextUpgrade(false),
                new PoolOptions()
                        .setHttp1MaxSize(connections.count())
                        .setHttp2MaxSize(connections.count())
                        .setMaxWaitQueueSize(-1));
    }

    @Override
    public Future<SendOutcome> send(List<LoadEvent> events) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(target.getRawPath())
                .setIdleTimeout(timeoutMillis);
        Buffer body = encode(options, events);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(ignored -> SendOutcome.status(response.statusCode())))
                .otherwise(SendOutcome::transportError);
    }

    private Buffer encode(RequestOptions options, List<LoadEvent> events) {
        switch (mode) {
            case BINARY -> {
                if (events.size() != 1) {
                    throw new IllegalArgumentException("binary mode carries one event per request");
                }
                LoadEvent event = events.get(0);
                options.putHeader("ce-specversion", "1.0")
                        .putHeader("ce-id", event.id())
                        .putHeader("ce-source", LoadEvent.SOURCE)
                        .putHeader("ce-type", event.type())
                        .putHeader("ce-" + LoadEvent.SENT_EXTENSION, Long.toString(event.intendedEpochMicros()))
                        .putHeader("content-type", LoadEvent.DATA_CONTENT_TYPE);
                event.partitionKey().ifPresent(key -> options.putHeader("ce-partitionkey", key));
                return Buffer.buffer(event.data());
            }
            case STRUCTURED -> {
                if (events.size() != 1) {
                    throw new IllegalArgumentException("structured mode carries one event per request");
                }
                options.putHeader("content-type", "application/cloudevents+json");
                return JsonEventWriter.structured(events.get(0));
            }
            default -> {
                options.putHeader("content-type", "application/cloudevents-batch+json");
                return JsonEventWriter.batch(events);
            }
        }
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }
}
