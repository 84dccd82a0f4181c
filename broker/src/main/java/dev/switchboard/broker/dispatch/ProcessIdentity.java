package dev.switchboard.broker.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This process's stable name in every trigger's consumer group ({@code group.instance.id}, Kafka static
 * membership), kept in {@code {dataDir}/process-id} so it survives restarts. A process restarted after a
 * kill -9 rejoins as the same static member: it takes its partitions back at once instead of waiting for the
 * dead member's session to time out, and resumes from the committed (contiguous) offsets.
 */
public final class ProcessIdentity {
    static final String FILE_NAME = "process-id";

    private ProcessIdentity() {}

    /** The id stored in {@code dataDir}, created on first use. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(dataDir);
            String id = "switchboard-" + UUID.randomUUID();
            Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.writeString(temporary, id + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
