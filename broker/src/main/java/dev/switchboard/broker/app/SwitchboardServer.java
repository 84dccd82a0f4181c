package dev.switchboard.broker.app;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.PortsFile;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.ingress.IngressLimits;
import dev.switchboard.broker.ingress.IngressSecurity;
import dev.switchboard.broker.ingress.IngressServer;
import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import dev.switchboard.broker.log.EmbeddedKafka;
import dev.switchboard.broker.log.KafkaEventAppender;
import dev.switchboard.broker.log.KafkaProducerSettings;
import dev.switchboard.broker.log.KafkaReachability;
import dev.switchboard.broker.ops.OpsServer;
import dev.switchboard.broker.tls.PemServerTls;
import dev.switchboard.broker.tls.TlsReloader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
    private static final Duration TLS_POLL_INTERVAL = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile boolean draining;
    private IngressServer ingress;
    private OpsServer ops;
    private KafkaEventAppender appender;
    private Vertx vertx;
    private Ports ports;
    private BrokerTopics brokers;

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
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "switchboard-admin"));
        closeables.push(admin);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        closeables.push(registry::close);
        brokers = new BrokerTopics(config, admin, STARTUP_TIMEOUT);
        closeables.push(ServedResources.start(config, brokers, registry, Clock.systemUTC()));

        KafkaReachability kafkaReachability =
                new KafkaReachability(admin, Duration.ofSeconds(5), Duration.ofSeconds(3), true);
        closeables.push(kafkaReachability);

        vertx = Vertx.vertx();
        closeables.push(() -> vertx.close().await(10, TimeUnit.SECONDS));

        IngressLimits limits = new IngressLimits(
                config.ingress().maxEventBytes(),
                config.ingress().maxInFlight(),
                config.ingress().requestTimeout(),
                config.ingress().idleTimeout(),
                config.metrics().eventTypeTag());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaProducerSettings.of(
                bootstrap,
                limits.maxEventBytes(),
                limits.requestTimeout(),
                config.kafka().producer()));
        brokers.topics().forEach(topic -> producer.partitionsFor(topic));
        appender = new KafkaEventAppender(vertx, producer, Clock.systemUTC());
        closeables.push(appender);

        java.util.function.BooleanSupplier ready = () -> !draining && kafkaReachability.reachable();
        ingress = new IngressServer(
                vertx,
                limits,
                appender,
                brokers,
                ready,
                registry,
                new IngressSecurity(
                        IngressAuthenticator.fromConfig(vertx, config.auth(), Clock.systemUTC()),
                        config.tls().ingress().map(PemServerTls::read)));
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
        ops = new OpsServer(vertx, registry, ready);
        int opsPort = ops.listen(config.ops().host(), config.ops().port())
                .await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        ports = new Ports(ingressPort, opsPort, bootstrap);
        new PortsFile(config.dataDir()).write(ports);
    }

    public Ports ports() {
        return ports;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Drains and stops: readiness turns 503, the ingress stops accepting and lets in-flight requests
     * finish (their Kafka writes included) within the drain timeout, then the producer is flushed and
     * everything else closed.
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
