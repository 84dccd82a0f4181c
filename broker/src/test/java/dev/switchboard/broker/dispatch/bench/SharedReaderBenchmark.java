package dev.switchboard.broker.dispatch.bench;

import dev.switchboard.broker.delivery.DeliveryTarget;
import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.broker.delivery.InboundEvent;
import dev.switchboard.broker.delivery.Settlement;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The in-process dispatch path at scale (docs/delivery.md "Scale"): an embedded Kafka, N triggers on one broker (default
 * 10,000), each event matching K of them (default 1), the real {@link Dispatcher}, shared reader, trigger index,
 * cursor states and delivery windows — and a subscriber stub at the HTTP edge (an {@link EventDelivery} that
 * settles at once), so what is measured is reading, decoding, matching, windows and commits. Reports the time
 * to position N triggers, heap per trigger, threads, and CPU per event (process, the shared reader's thread, the
 * event loops). Arguments: {@code [triggers] [events] [matchesPerEvent]}.
 */
public final class SharedReaderBenchmark {
    private static final int EVENT_BYTES = 1024;
    private static final int PARTITIONS = 3;

    private SharedReaderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int matches = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dataDir = Files.createTempDirectory("switchboard-reader-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            run(kafka.bootstrapServers(), admin, triggers, events, matches);
        }
        System.exit(0);
    }

    private static void run(String bootstrap, Admin admin, int triggers, int events, int matches) throws Exception {
        String namespace = "bench";
        String topic = TopicNames.events(namespace, "default");
        new TopicProvisioner(admin, Duration.ofSeconds(30))
                .ensureAll(List.of(
                        new TopicSpec(topic, PARTITIONS, (short) 1, 1),
                        new TopicSpec(TopicNames.deadLetters(namespace, "default"), PARTITIONS, (short) 1, 1)));
        Vertx vertx = Vertx.vertx();
        KafkaEventAppender appender = new KafkaEventAppender(
                vertx,
                new KafkaProducer<>(KafkaProducerSettings.of(bootstrap, 1 << 20, Duration.ofSeconds(30), Map.of())),
                Clock.systemUTC());
        AtomicLong delivered = new AtomicLong();
        EventDelivery stub = new SettlingAtOnce(delivered);
        Dispatcher dispatcher = new Dispatcher(
                new SharedReaderCursorFactory(
                        new CursorSettings(bootstrap, Map.of(), "bench", Duration.ofSeconds(60)),
                        admin,
                        vertx,
                        stub,
                        new FilterCompiler(CesqlErrorListener.ignoring()),
                        new TriggerBacklogs(new SimpleMeterRegistry(), Clock.systemUTC())),
                Duration.ofSeconds(5),
                id -> {});
        LoadResult resources =
                new ResourceLoader().loadString("bench.yaml", yaml(namespace, triggers, matches), List.of());
        if (!(resources instanceof LoadResult.Valid valid)) {
            throw new IllegalStateException(resources.diagnostics().toString());
        }

        long heapBefore = usedHeapAfterGc();
        long positionStart = System.nanoTime();
        dispatcher.apply(valid.resources());
        double positionSeconds = (System.nanoTime() - positionStart) / 1e9;
        long heapAfter = usedHeapAfterGc();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf(
                "%,d triggers positioned in %.1f s; heap %,d bytes per trigger; %d live threads%n",
                triggers, positionSeconds, (heapAfter - heapBefore) / triggers, threads);

        int types = triggers / matches;
        byte[] data = new byte[EVENT_BYTES];
        Arrays.fill(data, (byte) 'x');
        long expected = (long) events * matches;
        Map<String, Long> threadCpuBefore = ThreadCpu.byRole();
        long cpuBefore = ThreadCpu.processNanos();
        long start = System.nanoTime();
        List<Future<Void>> acks = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            acks.add(appender.append(
                    topic,
                    CloudEventBuilder.v1()
                            .withId("e-" + i)
                            .withSource(URI.create("/bench"))
                            .withType("bench.t" + (i % types))
                            .withData("application/octet-stream", data)
                            .build(),
                    Map.of()));
            if (acks.size() == 2_000) {
                Future.all(acks).await();
                acks.clear();
            }
        }
        Future.all(acks).await();
        while (delivered.get() < expected) {
            TimeUnit.MILLISECONDS.sleep(20); // a benchmark's progress check, not a test
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ThreadCpu.processNanos() - cpuBefore) / 1e9;
        Map<String, Long> threadCpuAfter = ThreadCpu.byRole();
        System.out.printf(
                "%,d events (each matching %d of %,d triggers) stored and delivered in %.1f s: %,.0f events/s,"
                        + " %,.0f deliveries/s%n",
                events, matches, triggers, seconds, events / seconds, expected / seconds);
        System.out.printf(
                "process CPU %.1f s: %.1f µs per event (embedded Kafka, producer and dispatch in one JVM)%n",
                cpuSeconds, cpuSeconds * 1e6 / events);
        ThreadCpu.print(threadCpuBefore, threadCpuAfter, 1e6 / events, "µs per event");
        System.out.printf(
                "%d live threads at the end%n",
                ManagementFactory.getThreadMXBean().getThreadCount());
        dispatcher.drainAndStop(Duration.ofSeconds(5));
        appender.close(5_000);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String yaml(String namespace, int triggers, int matches) {
        StringBuilder yaml = new StringBuilder(String.join(
                "\n",
                "apiVersion: eventing.knative.dev/v1",
                "kind: Broker",
                "metadata:",
                "  name: default",
                "  namespace: " + namespace,
                ""));
        for (int i = 0; i < triggers; i++) {
            yaml.append(String.join(
                    "\n",
                    "---",
                    "apiVersion: eventing.knative.dev/v1",
                    "kind: Trigger",
                    "metadata:",
                    "  name: t" + i,
                    "  namespace: " + namespace,
                    "spec:",
                    "  broker: default",
                    "  filter:",
                    "    attributes:",
                    "      type: bench.t" + (i / matches),
                    "  subscriber:",
                    "    uri: http://127.0.0.1:9/t" + i,
                    ""));
        }
        return yaml.toString();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The subscriber stub at the HTTP edge: every delivery settles at once as delivered. */
    private record SettlingAtOnce(AtomicLong delivered) implements EventDelivery {
        @Override
        public Future<Settlement> deliver(DeliveryTarget target, InboundEvent event) {
            delivered.incrementAndGet();
            return Future.succeededFuture(new Settlement.Delivered(1));
        }
    }
}
