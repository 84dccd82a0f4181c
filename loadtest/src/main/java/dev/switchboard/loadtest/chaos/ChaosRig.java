package dev.switchboard.loadtest.chaos;

import dev.switchboard.broker.log.KraftCluster;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.scenario.SwitchboardLaunch;
import dev.switchboard.loadtest.scenario.SwitchboardProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the chaos soak runs on, and the levers its faults pull: a three-node {@link KraftCluster} whose nodes
 * advertise a {@link FaultyProxy} each (so every Switchboard-to-Kafka connection crosses a proxy; the brokers'
 * replication does not), two Switchboard processes sharing one resource folder and one Kafka (each with its own
 * data directory, kept across its restarts), and four receivers: the prompt, flaky and outage subscribers and
 * the dead-letter sink, each counting arrivals by route and id.
 */
public final class ChaosRig implements AutoCloseable {
    private static final int PARTITIONS = 6;

    private final Vertx vertx;
    private final Path jar;
    private final Path workDir;
    private final SwitchboardLaunch switchboardLaunch;
    private final Path resources;
    private final Path config;
    private final KraftCluster kafka;
    private final Map<Integer, FaultyProxy> proxies;
    private final Map<ChaosTrigger.Subscriber, Receiver> subscribers;
    private final Receiver sink;
    private final SwitchboardProcess[] switchboards = new SwitchboardProcess[2];

    private ChaosRig(
            Vertx vertx,
            Path jar,
            Path workDir,
            SwitchboardLaunch switchboardLaunch,
            KraftCluster kafka,
            Map<Integer, FaultyProxy> proxies,
            Map<ChaosTrigger.Subscriber, Receiver> subscribers,
            Receiver sink) {
        this.vertx = vertx;
        this.jar = jar;
        this.workDir = workDir;
        this.switchboardLaunch = switchboardLaunch;
        this.resources = workDir.resolve("resources");
        this.config = workDir.resolve("switchboard.yaml");
        this.kafka = kafka;
        this.proxies = proxies;
        this.subscribers = subscribers;
        this.sink = sink;
    }

    /** Starts the receivers, the proxies and the Kafka cluster behind them; Switchboard comes with {@link #launch}. */
    public static ChaosRig start(Vertx vertx, Path jar, Path workDir, SwitchboardLaunch switchboardLaunch, Clock clock)
            throws Exception {
        Map<ChaosTrigger.Subscriber, Receiver> subscribers = new EnumMap<>(ChaosTrigger.Subscriber.class);
        subscribers.put(ChaosTrigger.Subscriber.PROMPT, receiver(vertx, ReceiverBehaviour.PROMPT, clock));
        subscribers.put(
                ChaosTrigger.Subscriber.FLAKY,
                receiver(vertx, new ReceiverBehaviour(Duration.ZERO, 0.2, List.of(500, 429), 1), clock));
        subscribers.put(ChaosTrigger.Subscriber.OUTAGE, receiver(vertx, ReceiverBehaviour.PROMPT, clock));
        Receiver sink = receiver(vertx, ReceiverBehaviour.PROMPT, clock);
        Map<Integer, FaultyProxy> proxies = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) {
            proxies.put(id, await(FaultyProxy.start(vertx)));
        }
        KraftCluster kafka =
                KraftCluster.start(3, workDir.resolve("kafka"), workDir.resolve("logs"), id -> proxies.get(id)
                        .port());
        proxies.forEach((id, proxy) -> proxy.forwardTo(kafka.clientPort(id)));
        return new ChaosRig(vertx, jar, workDir, switchboardLaunch, kafka, proxies, subscribers, sink);
    }

    private static Receiver receiver(Vertx vertx, ReceiverBehaviour behaviour, Clock clock) {
        Receiver receiver = await(Receiver.start(vertx, "127.0.0.1", 0, behaviour, clock, System::nanoTime));
        receiver.newBook(ReceiptBook.Counting.BY_ROUTE_AND_ID);
        return receiver;
    }

    /** Writes {@code triggers} and the server config, then starts both Switchboard processes together. */
    public void launch(List<ChaosTrigger> triggers) throws Exception {
        writeTriggers(triggers);
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "kafka:",
                        "  partitions: " + PARTITIONS,
                        "  replicationFactor: 3",
                        "  minInsyncReplicas: 2",
                        "  consumer:",
                        "    session.timeout.ms: 6000",
                        "    heartbeat.interval.ms: 1000",
                        ""),
                StandardCharsets.UTF_8);
        var first = java.util.concurrent.CompletableFuture.runAsync(() -> startSwitchboard(0));
        startSwitchboard(1);
        first.get(5, TimeUnit.MINUTES);
    }

    public void writeTriggers(List<ChaosTrigger> triggers) throws IOException {
        ChaosTriggers.write(resources, triggers, this::base, sinkBase());
    }

    /** The subscriber base URL of a group. */
    public String base(ChaosTrigger.Subscriber group) {
        return "http://127.0.0.1:" + subscribers.get(group).port();
    }

    public String sinkBase() {
        return "http://127.0.0.1:" + sink.port();
    }

    public Receiver subscriber(ChaosTrigger.Subscriber group) {
        return subscribers.get(group);
    }

    public List<Receiver> subscribers() {
        return List.copyOf(subscribers.values());
    }

    public Receiver sink() {
        return sink;
    }

    public FaultyProxy proxy(int nodeId) {
        return proxies.get(nodeId);
    }

    public List<FaultyProxy> proxies() {
        return List.copyOf(proxies.values());
    }

    public KraftCluster kafka() {
        return kafka;
    }

    public Path resources() {
        return resources;
    }

    /** The ingress URLs of the processes running now. */
    public synchronized List<URI> ingresses() {
        List<URI> live = new ArrayList<>();
        for (SwitchboardProcess process : switchboards) {
            if (process != null && process.isAlive()) {
                live.add(process.ingress());
            }
        }
        return live;
    }

    /** The ops API bases of the processes running now. */
    public synchronized List<URI> opsApis() {
        List<URI> live = new ArrayList<>();
        for (SwitchboardProcess process : switchboards) {
            if (process != null && process.isAlive()) {
                live.add(process.ops());
            }
        }
        return live;
    }

    public void killSwitchboard(int index) throws InterruptedException {
        SwitchboardProcess process;
        synchronized (this) {
            process = switchboards[index];
            switchboards[index] = null;
        }
        process.kill();
    }

    /** Starts process {@code index} again on its data directory (same process identity) and waits until ready. */
    public void startSwitchboard(int index) {
        try {
            Path dir = workDir.resolve("switchboard-" + index);
            SwitchboardProcess process = SwitchboardProcess.start(
                    jar,
                    dir,
                    resources,
                    switchboardLaunch,
                    List.of("--kafka", kafka.bootstrap(), "--config", config.toString()));
            synchronized (this) {
                switchboards[index] = process;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting switchboard " + index, e);
        }
    }

    /** The Switchboard logs, for a report of what went wrong. */
    public List<Path> logs() {
        return List.of(
                workDir.resolve("switchboard-0").resolve("switchboard.log"),
                workDir.resolve("switchboard-1").resolve("switchboard.log"),
                workDir.resolve("logs"));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        for (SwitchboardProcess process : switchboards) {
            if (process != null) {
                process.kill();
            }
        }
        kafka.close();
        for (FaultyProxy proxy : proxies.values()) {
            await(proxy.close());
        }
        for (Receiver receiver : subscribers.values()) {
            await(receiver.close());
        }
        await(sink.close());
    }
}
