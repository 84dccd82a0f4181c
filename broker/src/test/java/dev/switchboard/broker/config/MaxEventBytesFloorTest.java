package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/configuration.md: "Max event size is never below 64 KiB." */
class MaxEventBytesFloorTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, 65536", "65535, 65536", "65536, 65536", "65537, 65537", "1048576, 1048576"})
    void raisesValuesBelowTheFloorTo65536(int configured, int effective) throws Exception {
        ServerConfig config =
                loader.load(Optional.empty(), Map.of(), Map.of("ingress.maxEventBytes", Integer.toString(configured)));

        assertThat(config.ingress().maxEventBytes()).isEqualTo(effective);
    }

    @Test
    void warnsWhereTheSmallValueWasWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "ingress:\n  maxEventBytes: 1000\n");

        ServerConfig config = loader.load(Optional.of(file), Map.of(), Map.of());

        assertThat(config.warnings())
                .containsExactly(
                        file + ":2:18: ingress.maxEventBytes: 1000 is below the 64 KiB floor, raised to 65536");
    }

    @Test
    void doesNotWarnAtOrAboveTheFloor() throws Exception {
        ServerConfig config =
                loader.load(Optional.empty(), Map.of("SWITCHBOARD_INGRESS_MAXEVENTBYTES", "65536"), Map.of());

        assertThat(config.warnings()).isEmpty();
    }
}
