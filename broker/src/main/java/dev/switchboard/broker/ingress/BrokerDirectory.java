package dev.switchboard.broker.ingress;

import java.util.Optional;

/** Which brokers exist right now, and the route of each. Backed by the live resource set. */
@FunctionalInterface
public interface BrokerDirectory {
    /** The route of events posted to {@code namespace/name}, or empty when no such broker exists. */
    Optional<BrokerRoute> routeOf(String namespace, String name);

    /** The topic events posted to {@code namespace/name} go to, or empty when no such broker exists. */
    default Optional<String> topicOf(String namespace, String name) {
        return routeOf(namespace, name).map(BrokerRoute::topic);
    }
}
