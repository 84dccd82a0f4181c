package dev.switchboard.broker.ingress;

import java.util.Optional;

/** Which brokers exist right now, and the log topic of each. Backed by the live resource set. */
@FunctionalInterface
public interface BrokerDirectory {
    /** The topic events posted to {@code namespace/name} go to, or empty when no such broker exists. */
    Optional<String> topicOf(String namespace, String name);
}
