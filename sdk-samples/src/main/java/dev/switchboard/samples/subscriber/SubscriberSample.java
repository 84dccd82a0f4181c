package dev.switchboard.samples.subscriber;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trigger's subscriber: reads each delivered event (binary or structured, docs/delivery.md "Request") with the CloudEvents
 * SDK's Vert.x reader, hands it to a listener (the log, in {@link #main}), and answers 200 with a reply event in binary
 * mode. Switchboard publishes a 2xx response that carries a CloudEvent into the same broker (docs/delivery.md "Reply"), so a
 * second trigger filtered on {@value #REPLY_TYPE} receives it. Replies are never answered with replies; anything that
 * is not a CloudEvent gets 400, which Switchboard does not retry.
 *
 * <p>Run it: {@code java -cp sdk-samples/target/switchboard-samples.jar
 * dev.switchboard.samples.subscriber.SubscriberSample}, listening on {@code $HOST:$PORT} (default
 * {@code 0.0.0.0:8080}).
 */
public final class SubscriberSample {
    /** The type of the reply event. */
    public static final String REPLY_TYPE = "com.example.order.acknowledged";

    /** The source of the reply event. */
    public static final URI REPLY_SOURCE = URI.create("/samples/java-subscriber");

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberSample.class);

    private final Consumer<CloudEvent> listener;
    private final Clock clock;

    public SubscriberSample(Consumer<CloudEvent> listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Starts an HTTP server on {@code host:port} (port 0 picks a free one) that answers every request. */
    public Future<HttpServer> listen(Vertx vertx, String host, int port) {
        return vertx.createHttpServer().requestHandler(this::handle).listen(port, host);
    }

    // tag::receive[]
    void handle(HttpServerRequest request) {
        VertxMessageFactory.createReader(request)
                .map(MessageReader::toEvent)
                .onSuccess(event -> {
                    listener.accept(event);
                    if (REPLY_TYPE.equals(event.getType())) {
                        request.response().setStatusCode(204).end();
                    } else {
                        VertxMessageFactory.createWriter(request.response()).writeBinary(replyTo(event));
                    }
                })
                .onFailure(
                        error -> request.response().setStatusCode(400).end("not a CloudEvent: " + error.getMessage()));
    }
    // end::receive[]

    /** The reply to an event: a new event of {@value #REPLY_TYPE} whose data names the event it acknowledges. */
    CloudEvent replyTo(CloudEvent event) {
        // tag::reply[]
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(REPLY_SOURCE)
                .withType(REPLY_TYPE)
                .withSubject(event.getId())
                .withTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(("{\"acknowledged\":\"" + event.getId() + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();
        // end::reply[]
    }

    public static void main(String[] args) {
        String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        SubscriberSample subscriber = new SubscriberSample(
                event -> LOG.info(
                        "received {} {} from {}: {}",
                        event.getType(),
                        event.getId(),
                        event.getSource(),
                        event.getData() == null
                                ? ""
                                : new String(event.getData().toBytes(), StandardCharsets.UTF_8)),
                Clock.systemUTC());
        subscriber
                .listen(Vertx.vertx(), host, port)
                .onSuccess(server -> LOG.info("listening on {}:{}", host, server.actualPort()))
                .onFailure(error -> {
                    LOG.error("cannot listen on {}:{}", host, port, error);
                    System.exit(1);
                });
    }
}
