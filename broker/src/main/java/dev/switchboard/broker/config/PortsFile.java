package dev.switchboard.broker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code {dataDir}/ports.json} (docs/configuration.md): {@code {"ingress": N, "ops": M, "kafka": "host:port"}}, so
 * scripts and tests find the ports chosen for port 0. Written atomically (a temporary file in the same
 * folder, flushed, then moved over with {@code ATOMIC_MOVE}), so a reader never sees half a file.
 */
public final class PortsFile {
    public static final String FILE_NAME = "ports.json";

    private final Path dataDir;
    private final ObjectMapper json = new ObjectMapper();

    public PortsFile(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path path() {
        return dataDir.resolve(FILE_NAME);
    }

    /** Writes the file, creating {@code dataDir} if needed. */
    public void write(Ports ports) throws IOException {
        Files.createDirectories(dataDir);
        ObjectNode node = json.createObjectNode()
                .put("ingress", ports.ingress())
                .put("ops", ports.ops())
                .put("kafka", ports.kafka());
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads the file back.
     *
     * @throws IOException when it is missing, not JSON, or lacks one of the three fields
     */
    public Ports read() throws IOException {
        JsonNode node = json.readTree(path().toFile());
        if (node == null
                || !node.path("ingress").canConvertToInt()
                || !node.path("ops").canConvertToInt()
                || !node.path("kafka").isTextual()) {
            throw new IOException(path() + ": expected {\"ingress\": N, \"ops\": M, \"kafka\": \"host:port\"}");
        }
        return new Ports(
                node.get("ingress").asInt(),
                node.get("ops").asInt(),
                node.get("kafka").asText());
    }
}
