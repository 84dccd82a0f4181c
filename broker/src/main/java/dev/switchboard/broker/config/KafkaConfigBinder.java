package dev.switchboard.broker.config;

import static dev.switchboard.broker.config.ConfigKey.KAFKA_BOOTSTRAP_SERVERS;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_CLIENT;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_CONSUMER;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_MIN_INSYNC_REPLICAS;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_PARTITIONS;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_PRODUCER;
import static dev.switchboard.broker.config.ConfigKey.KAFKA_REPLICATION_FACTOR;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds the {@code kafka} section (docs/configuration.md). The topic defaults depend on the cluster: with an external
 * Kafka 12 partitions, replication factor 3 and min in-sync replicas min(2, replicationFactor); with the
 * embedded single node 3, 1 and 1. A value set explicitly, from any source, is kept either way.
 */
final class KafkaConfigBinder {
    static final int EXTERNAL_PARTITIONS = 12;
    static final int EXTERNAL_REPLICATION_FACTOR = 3;
    static final int EXTERNAL_MIN_INSYNC_REPLICAS = 2;
    static final int EMBEDDED_PARTITIONS = 3;

    private static final Pattern BOOTSTRAP_ENTRY = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:,\\[\\]]+):\\d{1,5}");
    private static final String BOOTSTRAP_EXPECTED = "host:port[,host:port...] or empty for the embedded Kafka";

    private final Problems problems;

    KafkaConfigBinder(Problems problems) {
        this.problems = problems;
    }

    KafkaConfig bind(Settings settings) {
        ValueReader reader = settings.reader();
        String bootstrap = settings.get(KAFKA_BOOTSTRAP_SERVERS, (k, v) -> reader.text(k, v, BOOTSTRAP_EXPECTED), "")
                .strip();
        if (!bootstrap.isEmpty() && !validBootstrap(bootstrap)) {
            problems.error(
                    KAFKA_BOOTSTRAP_SERVERS.path(),
                    "expected " + BOOTSTRAP_EXPECTED + ", got '" + bootstrap + "'",
                    settings.origin(KAFKA_BOOTSTRAP_SERVERS));
        }
        boolean embedded = bootstrap.isEmpty();
        int partitions = settings.get(
                KAFKA_PARTITIONS,
                (k, v) -> reader.integer(k, v, 1, Integer.MAX_VALUE),
                embedded ? EMBEDDED_PARTITIONS : EXTERNAL_PARTITIONS);
        int replicationFactor = settings.get(
                KAFKA_REPLICATION_FACTOR,
                (k, v) -> reader.integer(k, v, 1, Short.MAX_VALUE),
                embedded ? 1 : EXTERNAL_REPLICATION_FACTOR);
        if (embedded && replicationFactor > 1) {
            problems.error(
                    KAFKA_REPLICATION_FACTOR.path(),
                    "the embedded Kafka has a single node, so it must be 1 (set kafka.bootstrapServers for a"
                            + " cluster), got " + replicationFactor,
                    settings.origin(KAFKA_REPLICATION_FACTOR));
        }
        int minInsync = minInsyncReplicas(settings, embedded, replicationFactor);
        Map<String, String> producer = settings.get(KAFKA_PRODUCER, reader::properties, Map.of());
        warnOnWeakenedProducer(producer, settings.origin(KAFKA_PRODUCER));
        Map<String, String> consumer = settings.get(KAFKA_CONSUMER, reader::properties, Map.of());
        Map<String, String> client = settings.get(KAFKA_CLIENT, reader::properties, Map.of());
        new KafkaPropertiesCheck(problems)
                .check(
                        client,
                        producer,
                        consumer,
                        Map.of(
                                KAFKA_CLIENT.path(), settings.origin(KAFKA_CLIENT),
                                KAFKA_PRODUCER.path(), settings.origin(KAFKA_PRODUCER),
                                KAFKA_CONSUMER.path(), settings.origin(KAFKA_CONSUMER)),
                        embedded);
        return new KafkaConfig(bootstrap, partitions, replicationFactor, minInsync, client, producer, consumer);
    }

    private int minInsyncReplicas(Settings settings, boolean embedded, int replicationFactor) {
        int defaultValue = embedded ? 1 : Math.min(EXTERNAL_MIN_INSYNC_REPLICAS, replicationFactor);
        int minInsync = settings.get(
                KAFKA_MIN_INSYNC_REPLICAS, (k, v) -> settings.reader().integer(k, v, 1, Short.MAX_VALUE), defaultValue);
        if (minInsync > replicationFactor) {
            problems.error(
                    KAFKA_MIN_INSYNC_REPLICAS.path(),
                    "must be between 1 and kafka.replicationFactor (" + replicationFactor + "), got " + minInsync,
                    settings.origin(KAFKA_MIN_INSYNC_REPLICAS));
        }
        return minInsync;
    }

    /** docs/ingress.md: the ingress answers 202 only after {@code acks=all} with an idempotent producer. */
    private void warnOnWeakenedProducer(Map<String, String> producer, Origin origin) {
        String acks = producer.get("acks");
        if (acks != null && !acks.strip().equals("all") && !acks.strip().equals("-1")) {
            problems.warn(
                    KAFKA_PRODUCER.path() + ".acks",
                    "'" + acks + "' weakens the durability promised by a 202 (docs/ingress.md uses acks=all)",
                    origin);
        }
        String idempotence = producer.get("enable.idempotence");
        if (idempotence != null && idempotence.strip().equalsIgnoreCase("false")) {
            problems.warn(
                    KAFKA_PRODUCER.path() + ".enable.idempotence",
                    "false allows duplicates and reordering on producer retries (docs/ingress.md uses an idempotent"
                            + " producer)",
                    origin);
        }
    }

    private static boolean validBootstrap(String bootstrap) {
        for (String entry : bootstrap.split(",", -1)) {
            if (!BOOTSTRAP_ENTRY.matcher(entry.strip()).matches()) {
                return false;
            }
            String port = entry.strip().substring(entry.strip().lastIndexOf(':') + 1);
            if (Integer.parseInt(port) > 65535) {
                return false;
            }
        }
        return true;
    }
}
