package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessIdentityTest {
    @TempDir
    Path dataDir;

    @Test
    void keepsTheSameIdAcrossRestartsOnOneDataDirectory() {
        String first = ProcessIdentity.loadOrCreate(dataDir);

        assertThat(ProcessIdentity.loadOrCreate(dataDir)).isEqualTo(first);
        assertThat(dataDir.resolve(ProcessIdentity.FILE_NAME)).exists();
    }

    @Test
    void givesAnotherDataDirectoryAnotherId(@TempDir Path other) {
        assertThat(ProcessIdentity.loadOrCreate(dataDir)).isNotEqualTo(ProcessIdentity.loadOrCreate(other));
    }

    @Test
    void createsTheDataDirectoryWhenMissing() throws Exception {
        Path missing = dataDir.resolve("not-yet");

        String id = ProcessIdentity.loadOrCreate(missing);

        assertThat(Files.readString(missing.resolve(ProcessIdentity.FILE_NAME)).strip())
                .isEqualTo(id);
    }
}
