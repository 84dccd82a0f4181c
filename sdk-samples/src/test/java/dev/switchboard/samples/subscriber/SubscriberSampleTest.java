package dev.switchboard.samples.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subscriber sample's answers, in process on a free port: a reply for an event, none for a reply, 400 for junk. */
class SubscriberSampleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    static Vertx vertx;
    static HttpServer server;
    static final List<CloudEvent> logged = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = new SubscriberSample(logged::add, CLOCK)
                .listen(vertx, "127.0.0.1", 0)
                .await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void answersABinaryEventWithABinaryReplyNamingIt() throws Exception {
        HttpResponse<String> response = post(binary("order-1", "com.example.order.placed"), "{\"orderId\":\"A\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).contains(SubscriberSample.REPLY_TYPE);
        assertThat(response.headers().firstValue("ce-source")).contains("/samples/java-subscriber");
        assertThat(response.headers().firstValue("ce-subject")).contains("order-1");
        assertThat(response.headers().firstValue("ce-time")).contains("2026-11-24T10:00:00Z");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"acknowledged\":\"order-1\"}");
        assertThat(logged).extracting(CloudEvent::getId).contains("order-1");
    }

    @Test
    void answersAStructuredEventToo() throws Exception {
        HttpResponse<String> response = post(
                HttpRequest.newBuilder(uri()).header("content-type", "application/cloudevents+json"),
                "{\"specversion\":\"1.0\",\"id\":\"order-2\",\"type\":\"com.example.order.placed\",\"source\":\"/t\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-subject")).contains("order-2");
    }

    @Test
    void doesNotReplyToAReply() throws Exception {
        HttpResponse<String> response = post(binary("ack-1", SubscriberSample.REPLY_TYPE), "{}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("ce-type")).isEmpty();
        assertThat(logged).extracting(CloudEvent::getId).contains("ack-1");
    }

    @Test
    void refusesWhatIsNotACloudEventWith400() throws Exception {
        HttpResponse<String> response =
                post(HttpRequest.newBuilder(uri()).header("content-type", "text/plain"), "hello");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("not a CloudEvent");
    }

    private static HttpRequest.Builder binary(String id, String type) {
        return HttpRequest.newBuilder(uri())
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", type)
                .header("ce-source", "/test")
                .header("content-type", "application/json");
    }

    private static HttpResponse<String> post(HttpRequest.Builder request, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }
}
