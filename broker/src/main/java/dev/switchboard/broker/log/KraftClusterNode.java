package dev.switchboard.broker.log;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One node of a KRaft cluster, run as its own JVM by {@link KraftCluster} so a test or a load scenario can kill
 * it with SIGKILL (docs/architecture.md principle 2: fault tests start Kafka nodes as separate processes).
 *
 * <p>The node is what {@link EmbeddedKafka} starts (combined broker and controller, storage formatted through
 * {@link KraftStorage}, properties from {@link KraftNodeProperties}) with the quorum and the replication of a
 * production cluster: every node is a voter, topics default to replication factor min(3, nodes) and {@code
 * min.insync.replicas} 2 from three nodes on (1 below), internal topics likewise. A dead broker is fenced after 3 s
 * instead of 9 s so leaders move quickly. On restart the storage is reused, as after a crash.
 *
 * <p>Two client-side listeners: {@code PLAINTEXT} (brokers among themselves, and the cluster's own admin checks)
 * and {@code CLIENT} (the clients'), which advertises {@code advertisedClientPort}, so a proxy in front of each
 * node can stay on the path of every client connection, not only of the bootstrap.
 *
 * <p>Arguments: {@code nodeId internalPort clientPort advertisedClientPort controllerPort clusterId voters logDir},
 * where {@code voters} is the static quorum {@code 1@127.0.0.1:p1,2@127.0.0.1:p2,...}.
 */
public final class KraftClusterNode {
    static final String CLIENT_LISTENER = "CLIENT";

    private KraftClusterNode() {}

    public static void main(String[] args) {
        if (args.length != 8) {
            throw new IllegalArgumentException("usage: nodeId internalPort clientPort advertisedClientPort "
                    + "controllerPort clusterId voters logDir");
        }
        int nodeId = Integer.parseInt(args[0]);
        int internalPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[4]);
        Path logDir = Path.of(args[7]).toAbsolutePath();
        new KraftStorage(logDir).ensureFormatted(nodeId, KraftNodeProperties.CONTROLLER_LISTENER, args[5]);
        KraftNodeProperties node =
                new KraftNodeProperties(logDir, nodeId, internalPort, controllerPort, Duration.ofSeconds(60));
        Properties props = node.toProperties();
        props.putAll(clusterProperties(args[6]));
        props.putAll(listeners(internalPort, Integer.parseInt(args[2]), Integer.parseInt(args[3]), controllerPort));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-node-shutdown"));
        server.startup();
        System.out.println("kafka node " + nodeId + " started on " + node.bootstrapServers());
        server.awaitShutdown();
    }

    /** What differs from the single embedded node: the quorum, replication and fencing. */
    static Properties clusterProperties(String voters) {
        int nodes = voters.split(",").length;
        String replicas = Integer.toString(Math.min(3, nodes));
        String minInsync = nodes >= 3 ? "2" : "1";
        Properties props = new Properties();
        props.put("controller.quorum.voters", voters);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInsync);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInsync);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInsync);
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }

    /** Brokers talk on {@code PLAINTEXT}; clients on {@code CLIENT}, which advertises its (maybe proxied) port. */
    static Properties listeners(int internalPort, int clientPort, int advertisedClientPort, int controllerPort) {
        String host = KraftNodeProperties.HOST;
        String internal = KraftNodeProperties.BROKER_LISTENER;
        String controller = KraftNodeProperties.CONTROLLER_LISTENER;
        Properties props = new Properties();
        props.put(
                "listeners",
                internal + "://" + host + ":" + internalPort + "," + CLIENT_LISTENER + "://" + host + ":" + clientPort
                        + "," + controller + "://" + host + ":" + controllerPort);
        props.put(
                "advertised.listeners",
                internal + "://" + host + ":" + internalPort + "," + CLIENT_LISTENER + "://" + host + ":"
                        + advertisedClientPort);
        props.put(
                "listener.security.protocol.map",
                internal + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT," + controller + ":PLAINTEXT");
        return props;
    }
}
