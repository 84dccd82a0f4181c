package dev.switchboard.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft Kafka cluster of 1 or 3 nodes on 127.0.0.1, each node ({@link KraftClusterNode}) its own JVM with a
 * small heap, so a fault test or a load scenario can SIGKILL a node and restart it on the same storage and ports.
 * Every node is broker and controller; topics default to replication factor min(3, nodes) and {@code
 * min.insync.replicas} 2 with three nodes. Node output goes to {@code logs/kafka-N.log} (appended across
 * restarts). {@link #close} kills whatever still runs.
 *
 * <pre>
 *   try (KraftCluster kafka = KraftCluster.start(3, dir, logs)) {
 *       producerProps.put("bootstrap.servers", kafka.bootstrap());
 *       kafka.kill(2);      // kill -9, returns once node 2 is fenced
 *       kafka.restart(2);   // same storage and ports, returns once every node serves again
 *   }
 * </pre>
 */
public final class KraftCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String HEAP = "-Xmx256m";

    private final int nodes;
    private final Path dir;
    private final Path logs;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, Integer> internalPorts = new HashMap<>();
    private final Map<Integer, Integer> clientPorts = new HashMap<>();
    private final Map<Integer, Integer> advertisedPorts = new HashMap<>();
    private final Map<Integer, Integer> controllerPorts = new HashMap<>();
    private final Map<Integer, Process> processes = new HashMap<>();

    private KraftCluster(int nodes, Path dir, Path logs, IntUnaryOperator advertisedClientPort) {
        this.nodes = nodes;
        this.dir = dir;
        this.logs = logs;
        for (int id : nodeIds()) {
            internalPorts.put(id, freePort());
            clientPorts.put(id, freePort());
            controllerPorts.put(id, freePort());
            int advertised = advertisedClientPort.applyAsInt(id);
            advertisedPorts.put(id, advertised == 0 ? clientPorts.get(id) : advertised);
        }
    }

    /**
     * Starts {@code nodes} nodes (1 or 3) and waits until every broker is registered and unfenced.
     *
     * @param dir where each node keeps its storage ({@code node-N})
     * @param logs where each node's output goes ({@code kafka-N.log})
     */
    public static KraftCluster start(int nodes, Path dir, Path logs) throws IOException {
        return start(nodes, dir, logs, id -> 0);
    }

    /**
     * Like {@link #start(int, Path, Path)}, but node {@code id} tells clients to reach it at {@code
     * 127.0.0.1:advertisedClientPort(id)} (0 = its own client port), e.g. a proxy forwarding to {@link
     * #clientPort}. Brokers replicate among themselves on their own listener, off that path.
     */
    public static KraftCluster start(int nodes, Path dir, Path logs, IntUnaryOperator advertisedClientPort)
            throws IOException {
        if (nodes != 1 && nodes != 3) {
            throw new IllegalArgumentException("a cluster has 1 or 3 nodes, not " + nodes);
        }
        KraftCluster cluster = new KraftCluster(nodes, dir, logs, advertisedClientPort);
        try {
            Files.createDirectories(logs);
            for (int id : cluster.nodeIds()) {
                cluster.launch(id);
            }
            cluster.awaitAllBrokers();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    /** The node ids, 1 to N. */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, nodes).boxed().toList();
    }

    /** The advertised client addresses, for {@code bootstrap.servers} and Switchboard's {@code --kafka}. */
    public String bootstrap() {
        return addresses(advertisedPorts);
    }

    /** The port node {@code id}'s client listener really listens on (what a proxy forwards to). */
    public int clientPort(int nodeId) {
        return clientPorts.get(nodeId);
    }

    /**
     * SIGKILL of one node (no controlled shutdown, no leadership hand-over), then waits until the controllers
     * have fenced it: from then on its partitions are led by the others.
     */
    public void kill(int nodeId) throws InterruptedException {
        Process process = processes.get(nodeId);
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("kafka node " + nodeId + " still alive 30 s after SIGKILL");
        }
        if (nodes > 1) {
            try (Admin admin = admin()) {
                awaitCondition(
                        "kafka node " + nodeId + " fenced",
                        () -> brokerIds(admin).map(ids -> !ids.contains(nodeId)).orElse(false));
            }
        }
    }

    /** Starts a killed node again on its storage and ports, and waits until every broker serves again. */
    public void restart(int nodeId) throws IOException {
        if (processes.get(nodeId).isAlive()) {
            throw new IllegalStateException("kafka node " + nodeId + " is still running");
        }
        launch(nodeId);
        awaitAllBrokers();
    }

    /** A new admin client on the brokers' own listeners (off any proxy); the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, addresses(internalPorts)));
    }

    private void launch(int nodeId) throws IOException {
        String voters = nodeIds().stream()
                .map(id -> id + "@" + KraftNodeProperties.HOST + ":" + controllerPorts.get(id))
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                KraftClusterNode.class.getName(),
                Integer.toString(nodeId),
                Integer.toString(internalPorts.get(nodeId)),
                Integer.toString(clientPorts.get(nodeId)),
                Integer.toString(advertisedPorts.get(nodeId)),
                Integer.toString(controllerPorts.get(nodeId)),
                clusterId,
                voters,
                dir.resolve("node-" + nodeId).toAbsolutePath().toString()));
        processes.put(
                nodeId,
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                logs.resolve("kafka-" + nodeId + ".log").toFile()))
                        .start());
    }

    private void awaitAllBrokers() {
        try (Admin admin = admin()) {
            awaitCondition("all " + nodes + " kafka nodes serving", () -> {
                for (int id : nodeIds()) {
                    Process process = processes.get(id);
                    if (!process.isAlive()) {
                        throw new IllegalStateException("kafka node " + id + " exited with " + process.exitValue()
                                + "; see " + logs.resolve("kafka-" + id + ".log"));
                    }
                }
                return brokerIds(admin).map(ids -> ids.size() == nodes).orElse(false);
            });
        }
    }

    /** The registered, unfenced brokers with a known controller; empty while the cluster is (re)forming. */
    private static Optional<List<Integer>> brokerIds(Admin admin) {
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
            List<Integer> ids = cluster.nodes().get(3, TimeUnit.SECONDS).stream()
                    .map(node -> node.id())
                    .toList();
            return cluster.controller().get(3, TimeUnit.SECONDS) == null ? Optional.empty() : Optional.of(ids);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the cluster", e);
        }
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within " + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Kills every node still running and waits for them to exit. */
    @Override
    public void close() {
        processes.values().forEach(process -> {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String addresses(Map<Integer, Integer> ports) {
        return ports.keySet().stream()
                .sorted()
                .map(id -> KraftNodeProperties.HOST + ":" + ports.get(id))
                .collect(Collectors.joining(","));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftNodeProperties.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + KraftNodeProperties.HOST, e);
        }
    }
}
