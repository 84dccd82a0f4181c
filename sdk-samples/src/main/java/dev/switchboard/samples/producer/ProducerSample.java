package dev.switchboard.samples.producer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Posts CloudEvents to one broker's ingress URL ({@code http://host:8080/{namespace}/{broker}}) with the CloudEvents
 * SDK's Vert.x writer. Each send answers the ingress response: 202 once Kafka has stored the event (docs/ingress.md), 400 with
 * {@code {"error", "attribute"}} for an invalid one.
 *
 * <p>Run it against a local Switchboard: {@code java -cp sdk-samples/target/switchboard-samples.jar
 * dev.switchboard.samples.producer.ProducerSample [URL]} (URL defaults to {@code $K_SINK}, then
 * {@code http://127.0.0.1:8080/default/default}); it sends one event in each content mode and prints the statuses.
 */
public final class ProducerSample {
    /** The batch content type of the CloudEvents JSON format (JSON format §4). */
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private static final String DEFAULT_URL = "http://127.0.0.1:8080/default/default";

    private final WebClient client;
    private final URI broker;
    private final EventFormat json = new JsonFormat();

    public ProducerSample(WebClient client, URI broker) {
        this.client = client;
        this.broker = broker;
    }

    /** Binary content mode: attributes in {@code ce-} headers, data as the body (HTTP binding §3.1). */
    public Future<HttpResponse<Buffer>> sendBinary(CloudEvent event) {
        // tag::send-binary[]
        return VertxMessageFactory.createWriter(client.postAbs(broker.toString()))
                .writeBinary(event);
        // end::send-binary[]
    }

    /** Structured content mode: the whole event as one {@code application/cloudevents+json} body (HTTP binding §3.2). */
    public Future<HttpResponse<Buffer>> sendStructured(CloudEvent event) {
        // tag::send-structured[]
        return VertxMessageFactory.createWriter(client.postAbs(broker.toString()))
                .writeStructured(event, JsonFormat.CONTENT_TYPE);
        // end::send-structured[]
    }

    /**
     * Batched content mode: a JSON array of structured events (HTTP binding §3.3). The SDK has no batch writer, so the
     * array is joined from the JSON format's serialization of each event. Switchboard stores all or none (docs/ingress.md).
     */
    public Future<HttpResponse<Buffer>> sendBatch(List<CloudEvent> events) {
        // tag::send-batch[]
        Buffer body = Buffer.buffer("[");
        for (int i = 0; i < events.size(); i++) {
            body.appendString(i == 0 ? "" : ",").appendBytes(json.serialize(events.get(i)));
        }
        return client.postAbs(broker.toString())
                .putHeader("content-type", BATCH_CONTENT_TYPE)
                .sendBuffer(body.appendString("]"));
        // end::send-batch[]
    }

    /** An example event: {@code com.example.order.placed} from {@code /samples/java-producer}, JSON data. */
    public static CloudEvent orderPlaced(String orderId, Clock clock) {
        // tag::build-event[]
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/samples/java-producer"))
                .withType("com.example.order.placed")
                .withTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(("{\"orderId\":\"" + orderId + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();
        // end::build-event[]
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("K_SINK", DEFAULT_URL);
        Vertx vertx = Vertx.vertx();
        ProducerSample producer = new ProducerSample(WebClient.create(vertx), URI.create(url));
        Clock clock = Clock.systemUTC();
        Future.all(
                        producer.sendBinary(orderPlaced("A-1", clock)).map(r -> report("binary", r)),
                        producer.sendStructured(orderPlaced("A-2", clock)).map(r -> report("structured", r)),
                        producer.sendBatch(List.of(orderPlaced("A-3", clock), orderPlaced("A-4", clock)))
                                .map(r -> report("batch", r)))
                .onComplete(done -> {
                    boolean accepted = done.succeeded()
                            && done.result().<Boolean>list().stream().allMatch(ok -> ok);
                    if (done.failed()) {
                        System.err.println("send failed: " + done.cause());
                    }
                    vertx.close().onComplete(closed -> System.exit(accepted ? 0 : 1));
                });
    }

    private static boolean report(String mode, HttpResponse<Buffer> response) {
        String body = Objects.toString(response.bodyAsString(), "");
        System.out.println((mode + " " + response.statusCode() + " " + body).strip());
        return response.statusCode() / 100 == 2;
    }
}
