package dev.switchboard.loadtest.scenario;

import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.loadtest.baseline.KafkaProducerSink;
import dev.switchboard.loadtest.baseline.TopicTally;
import dev.switchboard.loadtest.baseline.TopicTwin;
import dev.switchboard.loadtest.load.ContentMode;
import dev.switchboard.loadtest.load.EventShape;
import dev.switchboard.loadtest.load.EventSink;
import dev.switchboard.loadtest.load.HttpIngressSink;
import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.load.LoadPlan;
import dev.switchboard.loadtest.load.LoadResult;
import dev.switchboard.loadtest.load.OpenLoopRun;
import dev.switchboard.loadtest.load.StepRamp;
import dev.switchboard.loadtest.measure.ArrivalWait;
import dev.switchboard.loadtest.measure.JvmSample;
import dev.switchboard.loadtest.measure.ProcessSample;
import dev.switchboard.loadtest.measure.ReceiptBook;
import dev.switchboard.loadtest.measure.Reconciliation;
import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import dev.switchboard.loadtest.report.DeliveryReport;
import dev.switchboard.loadtest.report.PhaseReport;
import dev.switchboard.loadtest.report.ProcessReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The shared machinery of the scenarios: one Vert.x for generator and receiver, and the phases they are
 * made of — load against Switchboard's ingress, load against raw Kafka with a raw consumer, the ledger
 * checked against the broker topic, and deliveries awaited at the receiver. Blocks its caller (a scenario
 * runs on the main thread, never on an event loop).
 */
public final class LoadBench implements AutoCloseable {
    /** The topic of broker {@code default/default}. */
    public static final String BROKER_TOPIC = TopicNames.events("default", "default");

    /**
     * The id prefix of warm-up events. No measured run id starts with it (run ids are a name's letters and
     * digits, a dash and a time), so books and tallies of measured ids leave the warm-up out.
     */
    public static final String WARMUP_ID_PREFIX = "warmup-";

    private static final long RESULT_TIMEOUT_MINUTES = 60;

    private final ScenarioSettings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LoadBench(ScenarioSettings settings, Clock clock, LongSupplier nanoTime) {
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public ScenarioSettings settings() {
        return settings;
    }

    /** A fresh run id: {@code prefix} and a short random suffix, so ids never repeat across runs. */
    public String runId(String prefix) {
        return prefix + "-" + Long.toString(clock.millis(), 36);
    }

    /** A plan at {@code rate} for {@code duration} with the settings' batch size. */
    public LoadPlan plan(double rate, Duration duration) {
        return LoadPlan.of(rate, duration)
                .withBatchSize(settings.mode() == ContentMode.BATCH ? settings.batchSize() : 1);
    }

    public EventShape shape(String runId, List<String> types, int payloadBytes) {
        return new EventShape(runId, types, settings.partitionKeys(), payloadBytes);
    }

    /** Drives one fixed-rate run into {@code sink} and waits for its result. */
    public LoadResult drive(EventSink sink, LoadPlan plan, EventShape shape, Ledger ledger) {
        return await(new OpenLoopRun(vertx, sink, plan, shape, ledger, clock, nanoTime).start());
    }

    private Ledger warmUpIngress(SwitchboardProcess switchboard, double rate, List<String> types, int payloadBytes) {
        HttpIngressSink sink = new HttpIngressSink(
                vertx, switchboard.ingress(), settings.mode(), settings.connections(), Duration.ofSeconds(30));
        try {
            return warmUp(sink, rate, types, payloadBytes);
        } finally {
            await(sink.close());
        }
    }

    /** Load against Switchboard's ingress. */
    public LoadResult driveIngress(SwitchboardProcess switchboard, LoadPlan plan, EventShape shape, Ledger ledger) {
        HttpIngressSink sink = new HttpIngressSink(
                vertx, switchboard.ingress(), settings.mode(), settings.connections(), Duration.ofSeconds(30));
        try {
            return drive(sink, plan, shape, ledger);
        } finally {
            await(sink.close());
        }
    }

    /**
     * Unrecorded load for the settings' warm-up time before a load at {@code rate} (or at the settings'
     * warm-up rate), with the measured load's {@code types}, partition keys and payload size, so the events
     * take the same path (ingress, topic, the triggers' filters and delivery, the subscriber) and JIT
     * compilation and connection set-up do not count in the measured load. Its ids start with {@link
     * #WARMUP_ID_PREFIX}, outside any run's id prefix. Returns its ledger (empty when there is no warm-up);
     * it is over when every warm-up event was answered.
     */
    public Ledger warmUp(EventSink sink, double rate, List<String> types, int payloadBytes) {
        Ledger ledger = new Ledger();
        if (!settings.warmup().isZero()) {
            drive(
                    sink,
                    plan(settings.warmupRateFor(rate), settings.warmup()),
                    shape(runId(WARMUP_ID_PREFIX.substring(0, WARMUP_ID_PREFIX.length() - 1)), types, payloadBytes),
                    ledger);
        }
        return ledger;
    }

    /**
     * Runs a step ramp against Switchboard's ingress; every step's accepted ids go into {@code ledger}, and {@code
     * watch} is told when each step starts and ends.
     */
    public StepRamp.Outcome rampIngress(
            SwitchboardProcess switchboard,
            StepRamp ramp,
            String runId,
            List<String> types,
            Ledger ledger,
            RampWatch watch) {
        warmUpIngress(switchboard, ramp.startRate(), types, settings.payloadBytes());
        return await(ramp.run((index, rate) -> {
            watch.stepStarts();
            LoadResult result = driveIngress(
                    switchboard,
                    plan(rate, settings.stepDuration()),
                    shape(runId + "-s" + index, types, settings.payloadBytes()),
                    ledger);
            watch.stepEnded(rate);
            return Future.succeededFuture(result);
        }));
    }

    /** Runs the same step ramp straight into Kafka with the ingress's producer settings. */
    public StepRamp.Outcome rampRaw(String bootstrap, String topic, StepRamp ramp, String runId, List<String> types) {
        try (var producer = KafkaProducerSink.ingressLikeProducer(bootstrap)) {
            KafkaProducerSink sink = new KafkaProducerSink(producer, topic, clock);
            warmUp(sink, ramp.startRate(), types, settings.payloadBytes());
            return await(ramp.run((index, rate) -> Future.succeededFuture(drive(
                    sink,
                    plan(rate, settings.stepDuration()),
                    shape(runId + "-s" + index, types, settings.payloadBytes()),
                    new Ledger()))));
        }
    }

    /**
     * A phase straight into Kafka: the ingress's producer settings into {@code topic}, with a raw consumer
     * reading it at the same time; its delivery report is the raw produce-to-consume latency and loss. The
     * consumer is started before the warm-up (it reads the warm-up's events too, but counts only the run's
     * ids), so producer and consumer are both warm, as the delivery path is in {@link #endToEnd}.
     */
    public PhaseReport rawPhase(String name, String bootstrap, String topic, LoadPlan plan, EventShape shape)
            throws InterruptedException {
        Ledger ledger = new Ledger();
        try (var producer = KafkaProducerSink.ingressLikeProducer(bootstrap);
                TopicTally consumer = TopicTally.start(bootstrap, topic, shape.runId() + "-", false, clock, nanoTime)) {
            KafkaProducerSink sink = new KafkaProducerSink(producer, topic, clock);
            warmUp(sink, plan.eventsPerSecond(), shape.types(), shape.payloadBytes());
            ReceiptBook book = consumer.newBook();
            LoadResult load = drive(sink, plan, shape, ledger);
            DeliveryReport delivery = awaitArrivals("raw consumer", book, ledger.ids());
            return new PhaseReport(name, "raw-kafka", load, null, delivery, null);
        }
    }

    /** Creates a twin of the broker topic (same partitions, replication and topic configs) for the raw runs. */
    public TopicTwin twinOfBrokerTopic(String bootstrap, String runId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return TopicTwin.create(admin, BROKER_TOPIC, "loadtest.raw." + runId);
        }
    }

    /** The ledger's ids against the ids of {@code runId} found in the broker topic (sent = accepted = stored). */
    public Reconciliation stored(String bootstrap, Ledger ledger, String runId) throws InterruptedException {
        try (TopicTally tally = TopicTally.start(bootstrap, BROKER_TOPIC, runId + "-", true, clock, nanoTime)) {
            new ArrivalWait(Duration.ofSeconds(10), Duration.ofSeconds(120), nanoTime)
                    .await(() -> tally.book().distinct(), tally::recordsRead, ledger.size());
            return tally.book().reconcile(ledger.ids());
        }
    }

    /** Starts a receiver on 127.0.0.1 at a free port. */
    public Receiver receiver(ReceiverBehaviour behaviour) {
        return await(Receiver.start(vertx, "127.0.0.1", 0, behaviour, clock, nanoTime));
    }

    /**
     * Waits for the expected ids (or keys, as the book counts) to arrive in {@code book} (bounded), then
     * reports what did. While fewer distinct keys than expected have arrived, the wait only counts them (a
     * map's size); the full reconciliation runs once there could be enough.
     */
    public DeliveryReport awaitArrivals(String at, ReceiptBook book, Set<String> expected) throws InterruptedException {
        ArrivalWait.Outcome waited = new ArrivalWait(settings.deliveryIdle(), settings.deliveryMax(), nanoTime)
                .await(
                        () -> book.distinct() < expected.size()
                                ? book.distinct()
                                : book.reconcile(expected).received(),
                        expected.size());
        return DeliveryReport.of(at, book, expected, waited);
    }

    /**
     * One end-to-end phase on a fresh Switchboard with the triggers of {@code layout} (down ones pointing at a
     * port nobody listens on); load at {@code plan} with the layout's event types; the ledger checked against
     * the topic and against the receiver, each event expected once on the path of every live trigger it
     * matches; the Switchboard process's CPU from the start of the load to the last delivery, its threads and
     * memory at the end. With {@code withRaw}, a raw-Kafka phase at the same plan follows on the same Kafka.
     */
    public List<PhaseReport> endToEnd(
            String name,
            Path workDir,
            Receiver receiver,
            TriggerLayout layout,
            LoadPlan plan,
            int payloadBytes,
            boolean withRaw)
            throws Exception {
        return endToEnd(name, workDir, receiver, layout, plan, payloadBytes, withRaw, List.of());
    }

    /**
     * {@link #endToEnd(String, Path, Receiver, TriggerLayout, LoadPlan, int, boolean)} with more {@code run}
     * options for the Switchboard process ({@code --kafka BOOTSTRAP} for a Kafka of its own, so the process's
     * figures are Switchboard's alone). The process report then also carries the JVM's allocation and GC pauses
     * over the phase ({@link JvmSample}).
     */
    public List<PhaseReport> endToEnd(
            String name,
            Path workDir,
            Receiver receiver,
            TriggerLayout layout,
            LoadPlan plan,
            int payloadBytes,
            boolean withRaw,
            List<String> runOptions)
            throws Exception {
        String receiverBase = "http://127.0.0.1:" + receiver.port();
        String deadBase = "http://127.0.0.1:" + DeadPort.find();
        Path resources = TriggerFiles.write(workDir.resolve("resources"), layout.triggers(receiverBase, deadBase));
        List<String> types = layout.eventTypes();
        try (SwitchboardProcess switchboard =
                SwitchboardProcess.start(settings.jar(), workDir, resources, settings.switchboard(), runOptions)) {
            String runId = runId(name.replaceAll("[^A-Za-z0-9]", ""));
            Ledger ledger = new Ledger();
            ReceiptBook warmupBook = receiver.newBook(ReceiptBook.Counting.BY_ROUTE_AND_ID);
            Ledger warmup = warmUpIngress(switchboard, plan.eventsPerSecond(), types, payloadBytes);
            awaitArrivals("subscribers (warm-up)", warmupBook, layout.expectedDeliveries(warmup));
            ReceiptBook book = receiver.newBook(ReceiptBook.Counting.BY_ROUTE_AND_ID, WARMUP_ID_PREFIX);
            Optional<JvmSample> jvmBefore =
                    JvmSample.scrape(http, switchboard.ops().resolve("/metrics"));
            Optional<ProcessSample> before = switchboard.sample(nanoTime.getAsLong());
            LoadResult load = driveIngress(switchboard, plan, shape(runId, types, payloadBytes), ledger);
            DeliveryReport delivery = awaitArrivals("subscribers", book, layout.expectedDeliveries(ledger));
            Optional<ProcessSample> after = switchboard.sample(nanoTime.getAsLong());
            Optional<JvmSample> jvmAfter =
                    JvmSample.scrape(http, switchboard.ops().resolve("/metrics"));
            Reconciliation stored = stored(switchboard.kafkaBootstrap(), ledger, runId);
            ProcessReport process = before.isPresent() && after.isPresent()
                    ? ProcessReport.between(before.get(), after.get(), load.accepted())
                    : null;
            if (process != null && jvmBefore.isPresent() && jvmAfter.isPresent()) {
                process = process.withJvm(jvmBefore.get(), jvmAfter.get());
            }
            PhaseReport phase = new PhaseReport(name, "switchboard", load, stored, delivery, process);
            if (!withRaw) {
                return List.of(phase);
            }
            TopicTwin twin = twinOfBrokerTopic(switchboard.kafkaBootstrap(), runId);
            PhaseReport raw = rawPhase(
                    name + " raw",
                    switchboard.kafkaBootstrap(),
                    twin.name(),
                    plan,
                    shape(runId + "-raw", types, payloadBytes));
            return List.of(phase, raw);
        }
    }

    private <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(RESULT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    /** Thrown away working directories get this name under the output folder. */
    static Path workDir(Path output, String name) throws IOException {
        return java.nio.file.Files.createDirectories(output.resolve("work").resolve(name));
    }
}
