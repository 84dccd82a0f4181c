package dev.switchboard.broker.log;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The server configuration of the embedded single-node KRaft cluster: one process that is both
 * broker and controller, listening on 127.0.0.1 only, with every internal topic at replication
 * factor 1 and automatic topic creation off (Switchboard provisions its own topics).
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}) rather than dynamic
 * (KIP-853), so restarting on different ports needs no reconfiguration of the quorum.
 *
 * @param logDir the single Kafka log directory, which also holds the metadata log
 * @param nodeId the node id of the broker and controller
 * @param brokerPort the port of the client listener
 * @param controllerPort the port of the controller listener
 * @param registrationTimeout how long startup may wait for the broker to register and unfence
 */
record KraftNodeProperties(Path logDir, int nodeId, int brokerPort, int controllerPort, Duration registrationTimeout) {
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    Properties toProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());

        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("initial.broker.registration.timeout.ms", Long.toString(registrationTimeout.toMillis()));
        return props;
    }
}
