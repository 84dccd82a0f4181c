package dev.switchboard.broker.dispatch.bench;

import dev.switchboard.broker.delivery.HttpEventDelivery;
import dev.switchboard.broker.dispatch.CursorSettings;
import dev.switchboard.broker.dispatch.Dispatcher;
import dev.switchboard.broker.dispatch.SharedReaderCursorFactory;
import dev.switchboard.broker.dispatch.TriggerBacklogs;
import dev.switchboard.broker.log.EmbeddedKafka;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.broker.log.TopicProvisioner;
import dev.switchboard.broker.log.TopicSpec;
import dev.switchboard.triggers.filter.CesqlErrorListener;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Dispatcher backlog drain: stores N 1 KiB events (default 200,000) in a 3-partition broker topic of an
 * embedded Kafka, then starts one trigger ({@code start-from: earliest}, default {@code max-in-flight} 100) to a
 * local Vert.x subscriber answering 202 at once, and measures how fast the backlog is delivered and the CPU
 * time used per 10,000 events: the whole process (Kafka broker, subscriber and dispatcher together, an upper
 * bound) and the threads by role. Arguments: {@code [events] [maxInFlight] [ahead]}: with {@code ahead} 1, a trigger
 * matching nothing starts first, so the broker's shared reader is at the head and the measured trigger drains the
 * backlog on a catch-up reader of its own (docs/dispatch.md "Detached triggers"), as a trigger behind others does.
 */
public final class BacklogDrainBenchmark {
    private static final int EVENT_BYTES = 1024;

    private BacklogDrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int maxInFlight = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean ahead = args.length > 2 && Integer.parseInt(args[2]) > 0;
        Path dataDir = Files.createTempDirectory("switchboard-drain-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            run(kafka.bootstrapServers(), admin, events, maxInFlight, ahead);
        }
        System.exit(0);
    }

    private static void run(String bootstrap, Admin admin, int events, int maxInFlight, boolean ahead)
            throws Exception {
        String namespace = "bench";
        String topic = TopicNames.events(namespace, "default");
        new TopicProvisioner(admin, Duration.ofSeconds(30))
                .ensureAll(List.of(
                        new TopicSpec(topic, 3, (short) 1, 1),
                        new TopicSpec(TopicNames.deadLetters(namespace, "default"), 3, (short) 1, 1)));
        Vertx vertx = Vertx.vertx();
        Vertx subscriberVertx = Vertx.vertx();
        KafkaEventAppender appender = new KafkaEventAppender(
                vertx,
                new KafkaProducer<>(KafkaProducerSettings.of(bootstrap, 1 << 20, Duration.ofSeconds(30), Map.of())),
                Clock.systemUTC());

        long produceStart = System.nanoTime();
        byte[] data = new byte[EVENT_BYTES];
        Arrays.fill(data, (byte) 'x');
        List<Future<Void>> acks = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            acks.add(appender.append(
                    topic,
                    CloudEventBuilder.v1()
                            .withId("e-" + i)
                            .withSource(URI.create("/bench"))
                            .withType("bench.event")
                            .withData("application/octet-stream", data)
                            .build(),
                    Map.of()));
            if (acks.size() == 5_000) {
                Future.all(acks).await();
                acks.clear();
            }
        }
        Future.all(acks).await();
        System.out.printf(
                "stored %,d events of %d bytes in %.1f s%n",
                events, EVENT_BYTES, (System.nanoTime() - produceStart) / 1e9);

        AtomicLong delivered = new AtomicLong();
        HttpServer subscriber = subscriberVertx
                .createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> {
                    delivered.incrementAndGet();
                    request.response().setStatusCode(202).end();
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);

        HttpEventDelivery delivery = HttpEventDelivery.create(
                vertx, appender, new SimpleMeterRegistry(), Clock.systemUTC(), RandomGenerator.getDefault());
        Dispatcher dispatcher = new Dispatcher(
                new SharedReaderCursorFactory(
                        new CursorSettings(bootstrap, Map.of(), "bench", Duration.ofSeconds(30)),
                        admin,
                        vertx,
                        delivery,
                        new FilterCompiler(CesqlErrorListener.ignoring()),
                        new TriggerBacklogs(new SimpleMeterRegistry(), Clock.systemUTC())),
                Duration.ofSeconds(5),
                delivery::release);
        int port = subscriber.actualPort();
        String broker = String.join(
                "\n",
                "apiVersion: eventing.knative.dev/v1",
                "kind: Broker",
                "metadata:",
                "  name: default",
                "  namespace: " + namespace,
                "");
        String aheadTrigger = trigger(
                namespace,
                "ahead",
                port,
                List.of(),
                List.of("  filter:", "    attributes:", "      type: matches.nothing"));
        String drainTrigger = trigger(
                namespace,
                "drain",
                port,
                List.of(
                        "  annotations:",
                        "    switchboard.dev/start-from: earliest",
                        "    switchboard.dev/max-in-flight: \"" + maxInFlight + "\""),
                List.of());
        String yaml = broker + drainTrigger;
        if (ahead) {
            dispatcher.apply(load(broker + aheadTrigger).resources());
            // a benchmark's settling wait, not a test: the shared reader joins and goes to the head
            TimeUnit.SECONDS.sleep(5);
            yaml = broker + aheadTrigger + drainTrigger;
        }
        LoadResult.Valid valid = load(yaml);

        Map<String, Long> threadCpuBefore = ThreadCpu.byRole();
        long cpuBefore = ThreadCpu.processNanos();
        long start = System.nanoTime();
        dispatcher.apply(valid.resources());
        if (dispatcher.dispatching().isEmpty()) {
            throw new IllegalStateException("the benchmark trigger is not dispatching");
        }
        while (delivered.get() < events) {
            TimeUnit.MILLISECONDS.sleep(50); // a benchmark's progress check, not a test
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ThreadCpu.processNanos() - cpuBefore) / 1e9;
        Map<String, Long> threadCpuAfter = ThreadCpu.byRole();

        System.out.printf(
                "drained %,d events (max-in-flight %d%s) in %.1f s: %,.0f events/s%n",
                events,
                maxInFlight,
                ahead ? ", on a catch-up reader behind a trigger at the head" : "",
                seconds,
                events / seconds);
        System.out.printf(
                "process CPU %.1f s over %d cores available: %.2f CPU-s per 10,000 events (Kafka broker,"
                        + " subscriber and dispatcher in one JVM)%n",
                cpuSeconds, Runtime.getRuntime().availableProcessors(), cpuSeconds * 10_000 / events);
        ThreadCpu.print(threadCpuBefore, threadCpuAfter, 10_000.0 / events, "CPU-s per 10,000 events");
        dispatcher.drainAndStop(Duration.ofSeconds(5));
        delivery.close().await(10, TimeUnit.SECONDS);
        appender.close(5_000);
        subscriber.close().await(10, TimeUnit.SECONDS);
        subscriberVertx.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static LoadResult.Valid load(String yaml) {
        LoadResult resources = new ResourceLoader().loadString("bench.yaml", yaml, List.of());
        if (!(resources instanceof LoadResult.Valid valid)) {
            throw new IllegalStateException(resources.diagnostics().toString());
        }
        return valid;
    }

    /** A trigger of broker {@code default} to the subscriber on {@code port}, with lines added to its metadata and spec. */
    private static String trigger(String namespace, String name, int port, List<String> metadata, List<String> spec) {
        List<String> lines = new ArrayList<>(List.of(
                "---",
                "apiVersion: eventing.knative.dev/v1",
                "kind: Trigger",
                "metadata:",
                "  name: " + name,
                "  namespace: " + namespace));
        lines.addAll(metadata);
        lines.addAll(List.of("spec:", "  broker: default"));
        lines.addAll(spec);
        lines.addAll(List.of("  subscriber:", "    uri: http://127.0.0.1:" + port + "/", ""));
        return String.join("\n", lines);
    }
}
