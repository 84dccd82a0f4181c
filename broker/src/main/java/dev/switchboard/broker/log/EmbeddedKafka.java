package dev.switchboard.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka cluster (KRaft, combined broker and controller) running inside
 * this JVM, used when no bootstrap servers are configured and by every integration test.
 *
 * <p>Implements docs/architecture.md principle 2 ("Embedded Kafka is real Kafka") and the README's run
 * command (embedded single-node Kafka, data under the data directory). Storage lives in {@code
 * dataDir/kafka}; it is formatted on first start and reused afterwards, keeping the cluster id,
 * topics, records and committed consumer-group offsets across restarts, also when the restart uses
 * different ports. {@link #start} blocks until the broker answers metadata requests; {@link #stop}
 * blocks until the server has shut down. One instance per data directory at a time.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Default bound for {@link #start(Path, int)} to wait until the broker serves metadata. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final int BIND_ATTEMPTS = 3;
    private static final String LOG_DIR = "kafka";
    private static final long READY_POLL_MS = 50;

    private final KafkaRaftServer server;
    private final KraftNodeProperties node;
    private final Path dataDir;
    private final String clusterId;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, KraftNodeProperties node, Path dataDir, String clusterId) {
        this.server = server;
        this.node = node;
        this.dataDir = dataDir;
        this.clusterId = clusterId;
    }

    /**
     * Starts a broker with its storage under {@code dataDir/kafka} and waits (at most {@link
     * #DEFAULT_READY_TIMEOUT}) until it serves metadata.
     *
     * @param dataDir the Switchboard data directory; created if missing
     * @param port the client port on 127.0.0.1, or 0 to pick a free one (see {@link #port()})
     * @throws IllegalStateException if the broker cannot be started or is not ready in time
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, DEFAULT_READY_TIMEOUT);
    }

    /**
     * Starts a broker as {@link #start(Path, int)} does, waiting at most {@code readyTimeout}.
     *
     * @throws IllegalStateException if the broker cannot be started or is not ready in time
     */
    public static EmbeddedKafka start(Path dataDir, int port, Duration readyTimeout) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        Path logDir = dataDir.toAbsolutePath().resolve(LOG_DIR);
        String clusterId = new KraftStorage(logDir).ensureFormatted(NODE_ID, KraftNodeProperties.CONTROLLER_LISTENER);
        for (int attempt = 1; ; attempt++) {
            KraftNodeProperties node =
                    new KraftNodeProperties(logDir, NODE_ID, port == 0 ? freePort() : port, freePort(), readyTimeout);
            try {
                return startNode(node, dataDir, clusterId, readyTimeout);
            } catch (RuntimeException e) {
                boolean pickedPortTaken =
                        bindFailed(e, node.controllerPort()) || (port == 0 && bindFailed(e, node.brokerPort()));
                if (attempt >= BIND_ATTEMPTS || !pickedPortTaken) {
                    throw e;
                }
                LOG.debug("Port taken while starting embedded Kafka, retrying with other ports", e);
            }
        }
    }

    private static EmbeddedKafka startNode(
            KraftNodeProperties node, Path dataDir, String clusterId, Duration readyTimeout) {
        long startedAt = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(node.toProperties()), Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, node, dataDir, clusterId);
        try {
            server.startup();
            kafka.awaitReady(readyTimeout);
        } catch (RuntimeException e) {
            kafka.stop();
            throw new IllegalStateException(
                    "Embedded Kafka did not start on " + node.bootstrapServers() + " (controller port "
                            + node.controllerPort() + ", data " + node.logDir() + "): " + e.getMessage(),
                    e);
        }
        LOG.info(
                "Embedded Kafka {} ready on {} in {} ms (data {})",
                clusterId,
                node.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                node.logDir());
        return kafka;
    }

    /** Waits until the broker answers a metadata request listing itself. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                node.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "switchboard-embedded-kafka-readiness");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new IllegalStateException("broker not serving metadata after " + timeout);
                }
                var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs));
                if (cluster.nodes().get(remainingMs, TimeUnit.MILLISECONDS).stream()
                                .mapToInt(Node::id)
                                .anyMatch(id -> id == NODE_ID)
                        && cluster.controller().get(remainingMs, TimeUnit.MILLISECONDS) != null) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(READY_POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker not serving metadata after " + timeout, e);
        }
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /** The client port, the chosen one when started with port 0. */
    public int port() {
        return node.brokerPort();
    }

    /** The KRaft cluster id, stable across restarts on the same data directory. */
    public String clusterId() {
        return clusterId;
    }

    /** The Switchboard data directory this broker keeps its storage under. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits until it has; later calls do nothing. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka on {} stopped", node.bootstrapServers());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftNodeProperties.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + KraftNodeProperties.HOST, e);
        }
    }

    /** True if {@code e} says Kafka could not bind {@code port}, taken since {@link #freePort()} chose it. */
    private static boolean bindFailed(Throwable e, int port) {
        String address = KraftNodeProperties.HOST + ":" + port + ":";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(address) && t.getCause() instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
