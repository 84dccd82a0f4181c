package dev.switchboard.broker.app;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.PortsFile;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.delivery.DeliveryEgress;
import dev.switchboard.broker.delivery.EgressCredentials;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.broker.delivery.HttpEventDelivery;
import dev.switchboard.broker.dispatch.CesqlErrorCounter;
import dev.switchboard.broker.dispatch.CursorSettings;
import dev.switchboard.broker.dispatch.Dispatcher;
import dev.switchboard.broker.dispatch.ProcessIdentity;
import dev.switchboard.broker.dispatch.SharedReaderCursorFactory;
import dev.switchboard.broker.dispatch.TriggerBacklogs;
import dev.switchboard.broker.ingress.IngressLimits;
import dev.switchboard.broker.ingress.IngressSecurity;
import dev.switchboard.broker.ingress.IngressServer;
import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import dev.switchboard.broker.ingress.auth.TokensFile;
import dev.switchboard.broker.log.EmbeddedKafka;
import dev.switchboard.broker.log.KafkaAdminSettings;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.KafkaReachability;
import dev.switchboard.broker.ops.ConfigStatus;
import dev.switchboard.broker.ops.ControlAccess;
import dev.switchboard.broker.ops.HealthCheck;
import dev.switchboard.broker.ops.HealthChecks;
import dev.switchboard.broker.ops.OpsServer;
import dev.switchboard.broker.ops.RuntimeMeters;
import dev.switchboard.broker.ops.TriggerRuntime;
import dev.switchboard.broker.telemetry.tracing.Tracing;
import dev.switchboard.broker.tls.PemServerTls;
import dev.switchboard.broker.tls.TlsReloader;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.ResourceSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard: Kafka (embedded or external), the broker topics, the ingress and the ops
 * listener, started in that order and stopped in reverse with a bounded drain. Startup blocks: it runs
 * on the main thread before anything is served.
 */
public final class SwitchboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** The longest the start-up warm-up may delay the first delivery (docs/operations.md "Startup warm-up"). */
    private static final Duration WARM_UP_DEADLINE = Duration.ofSeconds(10);

    private static final Duration TLS_POLL_INTERVAL = Duration.ofSeconds(2);
    /** How often a missing external topic is looked for (docs/configuration.md "External topics"). */
    private static final Duration TOPIC_RECHECK_INTERVAL = Duration.ofSeconds(5);
    /** How long startup waits for Kafka to answer at all; refused credentials fail at once. */
    private static final Duration KAFKA_ACCESS_TIMEOUT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile boolean draining;
    private IngressServer ingress;
    private OpsServer ops;
    private KafkaEventAppender appender;
    private Tracing tracing;
    private Vertx vertx;
    private Ports ports;
    private BrokerTopics brokers;
    private PrometheusMeterRegistry registry;
    private ServedResources served;
    private Dispatcher dispatcher;
    private HttpEventDelivery delivery;
    private final EgressRefusals egressRefusals = new EgressRefusals(Clock.systemUTC());

    private SwitchboardServer(ServerConfig config) {
        this.config = config;
    }

    /** Starts everything and returns once the ingress answers; on failure, stops what was started. */
    public static SwitchboardServer start(ServerConfig config) throws Exception {
        SwitchboardServer server = new SwitchboardServer(config);
        try {
            server.startAll();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        String bootstrap = config.kafka().bootstrapServers();
        if (config.embedded()) {
            EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir(), 0);
            closeables.push(kafka);
            bootstrap = kafka.bootstrapServers();
        }
        AdminClient admin = AdminClient.create(
                KafkaAdminSettings.of(bootstrap, config.kafka().client()));
        closeables.push(admin);
        KafkaReachability.verify(admin, bootstrap, KAFKA_ACCESS_TIMEOUT);
        registry = ServerMeterRegistry.create();
        closeables.push(registry::close);
        RuntimeMeters runtimeMeters = new RuntimeMeters(registry);
        closeables.push(runtimeMeters);
        // before any meter: the Vert.x it makes configures the registry's histogram filter
        vertx = runtimeMeters.newVertx();
        closeables.push(() -> vertx.close().await(10, TimeUnit.SECONDS));
        LOG.info(
                "network transport: {}",
                vertx.isNativeTransportEnabled()
                        ? "native (epoll)"
                        : "NIO (" + vertx.unavailableNativeTransportCause() + ")");
        // the ops listener's own event loop and workers: a slow ops answer never delays the ingress
        Vertx opsVertx = runtimeMeters.newOpsVertx();
        closeables.push(() -> opsVertx.close().await(10, TimeUnit.SECONDS));
        runtimeMeters.bindJvm();
        runtimeMeters.bindKafkaClient(admin);
        brokers = new BrokerTopics(config, admin, STARTUP_TIMEOUT, TOPIC_RECHECK_INTERVAL);
        closeables.push(brokers);
        served = ServedResources.start(config, brokers, registry, Clock.systemUTC());
        closeables.push(served);

        KafkaReachability kafkaReachability =
                new KafkaReachability(admin, Duration.ofSeconds(5), Duration.ofSeconds(3), true);
        closeables.push(kafkaReachability);

        IngressLimits limits = new IngressLimits(
                config.ingress().maxEventBytes(),
                config.ingress().maxInFlight(),
                config.ingress().requestTimeout(),
                config.ingress().idleTimeout(),
                config.metrics().eventTypeTag(),
                config.ingress().maxConnections());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaProducerSettings.of(
                bootstrap,
                limits.maxEventBytes(),
                limits.requestTimeout(),
                config.kafka().producerProperties()));
        runtimeMeters.bindKafkaClient(producer);
        brokers.topics().forEach(topic -> producer.partitionsFor(topic));
        appender = new KafkaEventAppender(vertx, producer, Clock.systemUTC());
        closeables.push(appender);
        // closed after the ingress and the delivery, so their last spans are exported
        tracing = Tracing.of(config.tracing());
        closeables.push(tracing);

        if (config.startup().warmUp()) {
            // before the first delivery: a restarted process answers its first subscribers with compiled code
            StartupWarmUp.run(WARM_UP_DEADLINE, System::nanoTime);
        }
        dispatcher = startDispatch(bootstrap, admin, registry, served);

        java.util.function.BooleanSupplier ready =
                () -> !draining && kafkaReachability.reachable() && dispatcher.positioned();
        IngressAuthenticator authenticator = IngressAuthenticator.fromConfig(vertx, config.auth(), Clock.systemUTC());
        closeables.push(authenticator);
        ingress = new IngressServer(
                vertx,
                limits,
                tracing.ingress(appender),
                brokers,
                ready,
                registry,
                new IngressSecurity(authenticator, config.tls().ingress().map(PemServerTls::read)));
        int ingressPort = ingress.listen(
                        config.ingress().host(),
                        config.ingress().port(),
                        Math.max(1, Runtime.getRuntime().availableProcessors()))
                .await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        brokers.listeningOn(ingressPort);
        config.tls()
                .ingress()
                .ifPresent(files ->
                        closeables.push(new TlsReloader(vertx, files, ingress::updateTls, TLS_POLL_INTERVAL).start()));
        HealthChecks readiness = new HealthChecks(
                "readyz",
                List.of(
                        new HealthCheck(
                                "kafka",
                                () -> kafkaReachability.reachable()
                                        ? HealthCheck.Outcome.ok()
                                        : HealthCheck.Outcome.failed(
                                                "Kafka is not reachable: " + kafkaReachability.problem())),
                        HealthCheck.of("config", () -> served.reloader().current() != null, "no resources loaded"),
                        HealthCheck.of("dispatch", dispatcher::positioned, "triggers are not positioned yet"),
                        HealthCheck.of("shutdown", () -> !draining, "draining")));
        String scheme = config.tls().ingress().isPresent() ? "https://" : "http://";
        URI ingressUrl = URI.create(scheme + Banner.displayHost(config.ingress().host()) + ":" + ingressPort);
        ops = new OpsServer(
                opsVertx,
                registry,
                readiness,
                ConfigStatus.of(served.reloader()).withTopics(brokers::state),
                new TriggerRuntime(
                        new DispatcherControl(dispatcher), egressRefusals, controlAccess(), delivery.failures()),
                ingressUrl);
        served.reloader().addListener(ops.reloadListener());
        int opsPort = ops.listen(
                        config.ops().host(),
                        config.ops().port(),
                        config.tls().ops().map(PemServerTls::read))
                .await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        config.tls()
                .ops()
                .ifPresent(files ->
                        closeables.push(new TlsReloader(opsVertx, files, ops::updateTls, TLS_POLL_INTERVAL).start()));

        ports = new Ports(ingressPort, opsPort, bootstrap);
        new PortsFile(config.dataDir()).write(ports);
    }

    /** Who may replay and redrive (docs/operations.md): same origin only, and a token of {@code ops.tokensFile} when set. */
    private ControlAccess controlAccess() {
        String host = config.ops().host();
        if (config.ops().tokensFile().isEmpty()) {
            return ControlAccess.sameOrigin(host);
        }
        TokensFile tokens = TokensFile.watch(vertx, config.ops().tokensFile().get(), TLS_POLL_INTERVAL);
        closeables.push(tokens);
        return ControlAccess.withTokens(host, tokens);
    }

    /** The resource set served right now (the startup banner lists its triggers). */
    public ResourceSet resources() {
        return served.reloader().current().resources();
    }

    /** The one registry every stage records into, as {@code /metrics} shows it. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Starts the delivery stage and one cursor per Ready trigger, positioned before this returns (docs/delivery.md: once
     * {@code /readyz} answers 200 every trigger loaded at startup is positioned), then follows every applied
     * reload (after the reload's new broker topics were provisioned by {@link ServedResources}).
     */
    private Dispatcher startDispatch(
            String bootstrap, Admin admin, PrometheusMeterRegistry registry, ServedResources served) {
        EgressCredentials credentials = EgressCredentials.of(
                vertx, config.egressAuth(), Clock.systemUTC(), EgressCredentials.DEFAULT_POLL_INTERVAL);
        closeables.push(credentials);
        HttpEventDelivery delivery = HttpEventDelivery.create(
                vertx,
                appender,
                registry,
                Clock.systemUTC(),
                RandomGenerator.getDefault(),
                DeliveryEgress.of(vertx, config.egress(), egressRefusals)
                        .withCredentials(credentials)
                        .withTracer(tracing.delivery()));
        this.delivery = delivery;
        closeables.push(() -> delivery.close().await(10, TimeUnit.SECONDS));
        FilterCompiler filters = new FilterCompiler(new CesqlErrorCounter(registry));
        CursorSettings cursors = new CursorSettings(
                bootstrap,
                config.kafka().consumerProperties(),
                ProcessIdentity.loadOrCreate(config.dataDir()),
                STARTUP_TIMEOUT);
        Dispatcher started = new Dispatcher(
                new SharedReaderCursorFactory(
                        cursors, admin, vertx, delivery, filters, new TriggerBacklogs(registry, Clock.systemUTC())),
                config.shutdown().drainTimeout(),
                delivery::release);
        closeables.push(started);
        started.apply(brokers.dispatchable(served.reloader().current().resources()));
        served.reloader().addListener((result, current) -> {
            if (result.isApplied()) {
                started.apply(brokers.dispatchable(current.resources()));
            }
        });
        // an external topic that appeared: its broker's triggers start (docs/configuration.md "External topics")
        brokers.onTopicAppeared(() ->
                started.apply(brokers.dispatchable(served.reloader().current().resources())));
        // a reload applied between the first apply and the listener is not missed: applying is idempotent
        started.apply(brokers.dispatchable(served.reloader().current().resources()));
        return started;
    }

    public Ports ports() {
        return ports;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Drains and stops: readiness turns 503, the ingress stops accepting and lets in-flight requests
     * finish (their Kafka writes included) within the drain timeout; then every trigger's cursor stops
     * reading, its in-flight deliveries get up to the drain timeout to end, settled offsets are committed and
     * the consumers leave their groups; then the producer is flushed and everything else closed.
     */
    public void drainAndStop() {
        draining = true;
        Duration drain = config.shutdown().drainTimeout();
        if (ingress != null) {
            try {
                ingress.shutdown(drain).await(drain.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("ingress did not drain in time: {}", e.toString());
            }
        }
        if (dispatcher != null) {
            dispatcher.drainAndStop(drain);
        }
        if (appender != null) {
            appender.close(drain.toMillis());
        }
        if (ops != null) {
            ops.close();
        }
        close();
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", e.toString());
            }
        }
    }
}
