package dev.switchboard.broker.log;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A three-node KRaft Kafka cluster on 127.0.0.1, each node ({@link KraftClusterNode}) its own JVM with a small
 * heap, so a test can SIGKILL one node and restart it on the same storage and ports. Every node is broker and
 * controller (three voters); topics default to replication factor 3 and {@code min.insync.replicas} 2. Node
 * output goes to {@code logs/kafka-N.log}. {@link #close} kills whatever still runs.
 */
public final class ThreeNodeKafka implements AutoCloseable {
    /** The node ids, 1 to 3. */
    public static final List<Integer> NODE_IDS = List.of(1, 2, 3);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Path logs;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, Integer> brokerPorts;
    private final Map<Integer, Integer> controllerPorts;
    private final Process[] processes = new Process[NODE_IDS.size() + 1];

    private ThreeNodeKafka(Path dir, Path logs) {
        this.dir = dir;
        this.logs = logs;
        this.brokerPorts = NODE_IDS.stream().collect(Collectors.toMap(id -> id, id -> freePort()));
        this.controllerPorts = NODE_IDS.stream().collect(Collectors.toMap(id -> id, id -> freePort()));
    }

    /**
     * Starts the three nodes and waits until all three brokers are registered and unfenced.
     *
     * @param dir where each node keeps its storage ({@code node-N})
     * @param logs where each node's output goes ({@code kafka-N.log}, appended across restarts)
     */
    public static ThreeNodeKafka start(Path dir, Path logs) throws IOException {
        ThreeNodeKafka cluster = new ThreeNodeKafka(dir, logs);
        try {
            Files.createDirectories(logs);
            for (int id : NODE_IDS) {
                cluster.launch(id);
            }
            cluster.awaitAllBrokers();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    /** The three client listeners, for {@code bootstrap.servers} and Switchboard's {@code --kafka}. */
    public String bootstrapServers() {
        return NODE_IDS.stream()
                .map(id -> KraftNodeProperties.HOST + ":" + brokerPorts.get(id))
                .collect(Collectors.joining(","));
    }

    /**
     * SIGKILL of one node (no controlled shutdown, no leadership hand-over), then waits until the controllers
     * have fenced it: from then on its partitions are led by the other two nodes.
     */
    public void kill(int nodeId) throws InterruptedException {
        Process process = processes[nodeId];
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("kafka node " + nodeId + " still alive 30 s after SIGKILL");
        }
        try (Admin admin = admin()) {
            await().atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(ThreeNodeKafka::transientAdminFailure)
                    .until(() -> admin
                            .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .stream()
                            .noneMatch(node -> node.id() == nodeId));
        }
    }

    /** Starts a killed node again on its storage and ports, and waits until all three brokers serve again. */
    public void restart(int nodeId) throws IOException {
        if (processes[nodeId].isAlive()) {
            throw new IllegalStateException("kafka node " + nodeId + " is still running");
        }
        launch(nodeId);
        awaitAllBrokers();
    }

    /** A new admin client on the cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private void launch(int nodeId) throws IOException {
        String voters = NODE_IDS.stream()
                .map(id -> id + "@" + KraftNodeProperties.HOST + ":" + controllerPorts.get(id))
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                KraftClusterNode.class.getName(),
                Integer.toString(nodeId),
                Integer.toString(brokerPorts.get(nodeId)),
                Integer.toString(controllerPorts.get(nodeId)),
                clusterId,
                voters,
                dir.resolve("node-" + nodeId).toAbsolutePath().toString()));
        processes[nodeId] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve("kafka-" + nodeId + ".log").toFile()))
                .start();
    }

    private void awaitAllBrokers() {
        try (Admin admin = admin()) {
            await().atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(ThreeNodeKafka::transientAdminFailure)
                    .until(() -> {
                        for (int id : NODE_IDS) {
                            if (!processes[id].isAlive()) {
                                throw new IllegalStateException("kafka node " + id + " exited with "
                                        + processes[id].exitValue() + "; see " + logs.resolve("kafka-" + id + ".log"));
                            }
                        }
                        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
                        return cluster.nodes().get(3, TimeUnit.SECONDS).size() == NODE_IDS.size()
                                && cluster.controller().get(3, TimeUnit.SECONDS) != null;
                    });
        }
    }

    /** Kills every node still running and waits for them to exit. */
    @Override
    public void close() {
        IntStream.rangeClosed(1, NODE_IDS.size())
                .mapToObj(id -> processes[id])
                .filter(process -> process != null)
                .forEach(process -> {
                    process.destroyForcibly();
                    try {
                        process.waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    /** An admin call that failed or timed out while the cluster is (re)forming: ask again. */
    private static boolean transientAdminFailure(Throwable e) {
        return e instanceof ExecutionException || e instanceof java.util.concurrent.TimeoutException;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftNodeProperties.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + KraftNodeProperties.HOST, e);
        }
    }
}
