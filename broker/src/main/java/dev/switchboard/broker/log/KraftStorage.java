package dev.switchboard.broker.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk storage of the embedded KRaft node: formats a log directory once, and afterwards
 * reads the cluster id back from its {@code meta.properties} so a restart joins the same cluster.
 *
 * <p>Formatting goes through Kafka's own {@link Formatter} (what {@code kafka-storage.sh format}
 * does, without its {@code System.exit}), with {@link MetadataVersion#latestProduction()} and a
 * static quorum (kraft.version 0), so the controller address may change between restarts.
 */
final class KraftStorage {
    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);
    private static final String META_PROPERTIES = "meta.properties";
    private static final String CLUSTER_ID = "cluster.id";

    private final Path logDir;

    KraftStorage(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * Formats the directory unless it already is, and returns the cluster id stored in it.
     *
     * @throws IllegalStateException if Kafka refuses to format the directory
     */
    String ensureFormatted(int nodeId, String controllerListenerName) {
        return ensureFormatted(nodeId, controllerListenerName, Uuid.randomUuid().toString());
    }

    /**
     * Formats the directory unless it already is, with {@code newClusterId} when it is not (every node
     * of a multi-node cluster is formatted with the same id), and returns the cluster id stored in it.
     *
     * @throws IllegalStateException if Kafka refuses to format the directory
     */
    String ensureFormatted(int nodeId, String controllerListenerName, String newClusterId) {
        String clusterId = clusterId().orElse(newClusterId);
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(controllerListenerName)
                    .setDirectories(java.util.List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug(
                "Kafka storage {}: {}",
                logDir,
                formatterOutput.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    /** The cluster id this directory was formatted with, if it was. */
    Optional<String> clusterId() {
        Path metaProperties = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaProperties, e);
        }
        return Optional.ofNullable(properties.getProperty(CLUSTER_ID)).filter(id -> !id.isBlank());
    }
}
