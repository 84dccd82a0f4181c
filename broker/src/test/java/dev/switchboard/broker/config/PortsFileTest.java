package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/configuration.md: the chosen ports are written to {dataDir}/ports.json so scripts can find them. */
class PortsFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSpecShapeAndReadsItBack() throws Exception {
        PortsFile file = new PortsFile(dir);
        Ports ports = new Ports(41234, 41235, "127.0.0.1:41236");

        file.write(ports);

        assertThat(file.path()).isEqualTo(dir.resolve("ports.json"));
        assertThat(new ObjectMapper().readValue(file.path().toFile(), Map.class))
                .containsOnly(
                        Map.entry("ingress", 41234), Map.entry("ops", 41235), Map.entry("kafka", "127.0.0.1:41236"));
        assertThat(file.read()).isEqualTo(ports);
    }

    @Test
    void createsTheDataDirWhenMissing() throws Exception {
        Path dataDir = dir.resolve("a/b/data");

        new PortsFile(dataDir).write(new Ports(1, 2, "h:3"));

        assertThat(new PortsFile(dataDir).read()).isEqualTo(new Ports(1, 2, "h:3"));
    }

    @Test
    void replacesAnEarlierFileAndLeavesNoTemporaryFile() throws Exception {
        PortsFile file = new PortsFile(dir);
        file.write(new Ports(1, 2, "h:3"));

        file.write(new Ports(4, 5, "h:6"));

        assertThat(file.read()).isEqualTo(new Ports(4, 5, "h:6"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("ports.json"));
        }
    }

    @Test
    void readingAMissingFileFails() {
        assertThatThrownBy(() -> new PortsFile(dir).read()).isInstanceOf(IOException.class);
    }

    @Test
    void readingAnIncompleteFileFailsNamingTheExpectedShape() throws Exception {
        Files.writeString(dir.resolve("ports.json"), "{\"ingress\": 1}");

        assertThatThrownBy(() -> new PortsFile(dir).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("\"ops\"");
    }
}
