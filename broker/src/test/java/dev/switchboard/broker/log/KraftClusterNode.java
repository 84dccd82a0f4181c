package dev.switchboard.broker.log;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One node of a multi-node KRaft cluster, run as its own JVM by {@link ThreeNodeKafka} so a test can kill it
 * with SIGKILL (docs/architecture.md principle 2: fault tests start Kafka nodes as separate processes).
 *
 * <p>The node is what {@link EmbeddedKafka} starts (combined broker and controller, storage formatted through
 * {@link KraftStorage}, properties from {@link KraftNodeProperties}) with the quorum and the replication of a
 * production cluster instead of a single node: every node is a voter, topics default to replication factor 3
 * and {@code min.insync.replicas} 2, internal topics likewise. A dead broker is fenced after 3 s instead of
 * 9 s so leaders move within the test's time bound. On restart the storage is reused, as after a crash.
 *
 * <p>Arguments: {@code nodeId brokerPort controllerPort clusterId voters logDir}, where {@code voters} is the
 * static quorum {@code 1@127.0.0.1:p1,2@127.0.0.1:p2,3@127.0.0.1:p3}.
 */
public final class KraftClusterNode {
    private KraftClusterNode() {}

    public static void main(String[] args) {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: nodeId brokerPort controllerPort clusterId voters logDir");
        }
        int nodeId = Integer.parseInt(args[0]);
        Path logDir = Path.of(args[5]).toAbsolutePath();
        new KraftStorage(logDir).ensureFormatted(nodeId, KraftNodeProperties.CONTROLLER_LISTENER, args[3]);
        KraftNodeProperties node = new KraftNodeProperties(
                logDir, nodeId, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Duration.ofSeconds(60));
        Properties props = node.toProperties();
        props.putAll(clusterProperties(args[4]));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-node-shutdown"));
        server.startup();
        System.out.println("kafka node " + nodeId + " started on " + node.bootstrapServers());
        server.awaitShutdown();
    }

    /** What differs from the single embedded node: the quorum, replication and fencing. */
    static Properties clusterProperties(String voters) {
        Properties props = new Properties();
        props.put("controller.quorum.voters", voters);
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.replication.factor", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }
}
