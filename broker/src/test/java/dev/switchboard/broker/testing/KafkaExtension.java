package dev.switchboard.broker.testing;

import dev.switchboard.broker.log.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives tests a real Kafka: ONE cluster per test run, shared by every test class that uses this
 * extension, started on first use and stopped when the run ends (it lives in the root {@link
 * ExtensionContext.Store}, which closes it).
 *
 * <p>By default the cluster is an {@link EmbeddedKafka} with its data in a temporary directory
 * (deleted afterwards), so no Docker is needed. With {@code -Dkafka=testcontainers} it is a
 * Testcontainers {@link KafkaContainer} running {@value #KAFKA_IMAGE}.
 *
 * <p>Use: {@code @ExtendWith(KafkaExtension.class)} and a {@link KafkaCluster} parameter on a
 * constructor, lifecycle or test method; or {@link #cluster(ExtensionContext)} from another
 * extension. Tests that stop and restart Kafka start their own {@link EmbeddedKafka} instead.
 */
public final class KafkaExtension implements ParameterResolver {
    /** The system property that selects the cluster kind: {@code embedded} (default) or {@code testcontainers}. */
    public static final String KIND_PROPERTY = "kafka";

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    /** The run's shared cluster, started on the first call. */
    public static KafkaCluster cluster(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaCluster.class, type -> start(), KafkaCluster.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static KafkaCluster start() {
        String kind = System.getProperty(KIND_PROPERTY, "embedded");
        return switch (kind) {
            case "embedded", "" -> startEmbedded();
            case "testcontainers" -> startContainer();
            default ->
                throw new IllegalArgumentException(
                        "-D" + KIND_PROPERTY + " must be 'embedded' or 'testcontainers', not '" + kind + "'");
        };
    }

    private static KafkaCluster startEmbedded() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("switchboard-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        return new KafkaCluster(kafka.bootstrapServers(), () -> {
            kafka.stop();
            deleteRecursively(dataDir);
        });
    }

    private static KafkaCluster startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new KafkaCluster(container.getBootstrapServers(), container::stop);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
