package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Node.js samples ({@code sdk-samples/node}, npm {@code cloudevents}) against the real jar: {@code npm ci}, then
 * {@code node subscriber.js} behind a trigger and {@code node producer.js} in each content mode. Every event the
 * producer had accepted reaches a recording trigger and the Node subscriber, and each of the subscriber's replies is
 * routed to a trigger on the reply type (docs/ingress.md, docs/delivery.md). Skipped, with the reason, only when {@code node} or {@code npm}
 * is not installed.
 */
class NodeSamplesIT {
    private static final Path NODE_DIR = Path.of(System.getProperty("samples.root", "."), "node");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SENT = Pattern.compile("^(binary|structured|batch) (\\d{3}) (\\S+)");

    @TempDir
    static Path work;

    static Vertx vertx;
    static EventRecorder recorder;
    static ChildProcess subscriber;
    static SwitchboardJar switchboard;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                ChildProcess.onPath("node") && ChildProcess.onPath("npm"),
                "node and npm are not on the PATH: the Node.js samples need Node.js 20 or newer");
        ChildProcess.Finished install = ChildProcess.run(
                NODE_DIR,
                Map.of(),
                Duration.ofMinutes(5),
                List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"));
        assertThat(install.exitCode()).as(install.output()).isZero();

        vertx = Vertx.vertx();
        recorder = EventRecorder.start(vertx);
        subscriber = ChildProcess.start(
                NODE_DIR, Map.of("HOST", "127.0.0.1", "PORT", "0"), List.of("node", "subscriber.js"));
        int subscriberPort =
                await().atMost(Duration.ofSeconds(30)).until(() -> listeningPort(subscriber), port -> port > 0);

        Path resources = Files.createDirectories(work.resolve("switchboard.d"));
        Files.writeString(resources.resolve("node-samples.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: node-producer-log
                spec:
                  broker: default
                  filter:
                    attributes:
                      source: /samples/node-producer
                  subscriber:
                    uri: %s
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: orders-to-the-node-subscriber
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
                  name: node-replies
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: com.example.order.acknowledged
                      source: /samples/node-subscriber
                  subscriber:
                    uri: %s
                """.formatted(
                        recorder.url("/all"), subscriberPort, recorder.url("/replies")));
        switchboard = SwitchboardJar.start(work, resources);
    }

    @AfterAll
    static void stop() throws Exception {
        if (switchboard != null) {
            switchboard.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured", "batch"})
    void producerEventsAreAcceptedDeliveredToTheSubscriberAndItsRepliesRouted(String mode) throws Exception {
        String url = switchboard.broker("default", "default").toString();
        ChildProcess.Finished sent = ChildProcess.run(
                NODE_DIR,
                Map.of(),
                Duration.ofSeconds(60),
                List.of("node", "producer.js", "--url", url, "--mode", mode, "--count", "2"));

        assertThat(sent.exitCode()).as(sent.output()).isZero();
        List<String> ids = sentIds(sent.output(), mode);
        assertThat(ids).hasSize(2);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(recorder.at("/all"))
                .as(switchboard::log)
                .filteredOn(event -> ids.contains(event.getId()))
                .hasSize(2)
                .allSatisfy(event -> {
                    assertThat(event.getType()).isEqualTo("com.example.order.placed");
                    assertThat(event.getSource()).isEqualTo(URI.create("/samples/node-producer"));
                    assertThat(event.getDataContentType()).isEqualTo("application/json");
                    assertThat(data(event)).matches("\\{\"orderId\":\"N-[12]\"}");
                }));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subscriber.lines())
                .as(subscriber::output)
                .anySatisfy(line -> assertThat(line).startsWith("received com.example.order.placed " + ids.get(0)))
                .anySatisfy(line -> assertThat(line).startsWith("received com.example.order.placed " + ids.get(1))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(recorder.at("/replies"))
                .as(switchboard::log)
                .filteredOn(reply -> ids.contains(reply.getSubject()))
                .extracting(NodeSamplesIT::data)
                .containsExactlyInAnyOrder(
                        "{\"acknowledged\":\"" + ids.get(0) + "\"}", "{\"acknowledged\":\"" + ids.get(1) + "\"}"));
    }

    private static List<String> sentIds(String output, String mode) {
        return output.lines()
                .map(SENT::matcher)
                .filter(Matcher::find)
                .peek(line -> assertThat(line.group(1)).isEqualTo(mode))
                .peek(line -> assertThat(line.group(2)).as(output).isEqualTo("202"))
                .flatMap(line -> Arrays.stream(line.group(3).split(",")))
                .toList();
    }

    private static int listeningPort(ChildProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("node subscriber.js exited:\n" + process.output());
        }
        return process.lines().stream()
                .map(LISTENING::matcher)
                .filter(Matcher::find)
                .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
                .findFirst()
                .orElse(0);
    }

    private static String data(CloudEvent event) {
        return event.getData() == null ? "" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }
}
