package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.samples.producer.ProducerSample;
import dev.switchboard.samples.subscriber.SubscriberSample;
import io.cloudevents.CloudEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java samples against the real jar: {@link ProducerSample} in all three content modes, and
 * {@link SubscriberSample} behind a trigger, whose reply comes back into the broker and reaches a second trigger
 * filtered on the reply type (docs/ingress.md; docs/delivery.md, delivery and reply).
 */
class JavaSamplesIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path work;

    static Vertx vertx;
    static EventRecorder recorder;
    static HttpServer subscriberServer;
    static final List<CloudEvent> subscriberSaw = new CopyOnWriteArrayList<>();
    static SwitchboardJar switchboard;
    static ProducerSample producer;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        recorder = EventRecorder.start(vertx);
        subscriberServer = new SubscriberSample(subscriberSaw::add, CLOCK)
                .listen(vertx, "127.0.0.1", 0)
                .await();
        Path resources = Files.createDirectories(work.resolve("switchboard.d"));
        Files.writeString(resources.resolve("samples.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: everything-from-the-producer
                spec:
                  broker: default
                  filter:
                    attributes:
                      source: /samples/java-producer
                  subscriber:
                    uri: %s
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: orders-to-the-sample-subscriber
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: com.example.order.placed
                  subscriber:
                    uri: http://127.0.0.1:%d/
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: replies
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: com.example.order.acknowledged
                  subscriber:
                    uri: %s
                """.formatted(
                        recorder.url("/all"), subscriberServer.actualPort(), recorder.url("/replies")));
        switchboard = SwitchboardJar.start(work, resources);
        producer = new ProducerSample(WebClient.create(vertx), switchboard.broker("default", "default"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (switchboard != null) {
            switchboard.close();
        }
        vertx.close().await();
    }

    @Test
    void binaryStructuredAndBatchEventsAreAcceptedAndDeliveredUnchanged() {
        CloudEvent binary = ProducerSample.orderPlaced("B-1", CLOCK);
        CloudEvent structured = ProducerSample.orderPlaced("S-1", CLOCK);
        CloudEvent batchFirst = ProducerSample.orderPlaced("BA-1", CLOCK);
        CloudEvent batchSecond = ProducerSample.orderPlaced("BA-2", CLOCK);

        assertThat(status(producer.sendBinary(binary).await())).isEqualTo(202);
        assertThat(status(producer.sendStructured(structured).await())).isEqualTo(202);
        assertThat(status(producer.sendBatch(List.of(batchFirst, batchSecond)).await()))
                .isEqualTo(202);

        // CloudEvent equality covers every attribute, extension and the data bytes
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(recorder.at("/all"))
                .as(switchboard::log)
                .contains(binary, structured, batchFirst, batchSecond));
    }

    @Test
    void theSubscriberSampleRepliesAndTheReplyReachesTheTriggerOnTheReplyType() {
        CloudEvent order = ProducerSample.orderPlaced("R-1", CLOCK);

        assertThat(status(producer.sendBinary(order).await())).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subscriberSaw)
                .as(switchboard::log)
                .extracting(CloudEvent::getId)
                .contains(order.getId()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(recorder.at("/replies"))
                .as(switchboard::log)
                .filteredOn(reply -> order.getId().equals(reply.getSubject()))
                .singleElement()
                .satisfies(reply -> {
                    assertThat(reply.getType()).isEqualTo(SubscriberSample.REPLY_TYPE);
                    assertThat(reply.getSource()).isEqualTo(URI.create("/samples/java-subscriber"));
                    assertThat(new String(reply.getData().toBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"acknowledged\":\"" + order.getId() + "\"}");
                    assertThat(reply.getExtension("knativebrokerttl")).hasToString("254");
                }));
    }

    @Test
    void theSamplesJarRunsTheProducerFromTheCommandLine() throws Exception {
        Path jar = Path.of(System.getProperty("samples.root", "."), "target", "switchboard-samples.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        ChildProcess.Finished run = ChildProcess.run(
                work,
                Map.of(),
                Duration.ofSeconds(60),
                List.of(
                        java,
                        "-cp",
                        jar.toString(),
                        "dev.switchboard.samples.producer.ProducerSample",
                        switchboard.broker("default", "default").toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines()).as(run.output()).contains("binary 202", "structured 202", "batch 202");
    }

    private static int status(HttpResponse<Buffer> response) {
        return response.statusCode();
    }
}
