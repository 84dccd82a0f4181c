package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.broker.config.Ports;
import dev.switchboard.broker.config.PortsFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI looks for the ops API: --ops, else {dataDir}/ports.json, else the default; and the data folder. */
class OpsAddressTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitOpsUrlWinsOverPortsJson() throws Exception {
        new PortsFile(dir).write(new Ports(8080, 41234, "127.0.0.1:9092"));

        OpsAddress address = OpsAddress.resolve(Optional.of("https://ops.example:9443/"), dir);

        assertThat(address.base()).isEqualTo(URI.create("https://ops.example:9443"));
        assertThat(address.origin()).isEqualTo("--ops");
    }

    @Test
    void portsJsonGivesTheOpsPortOnLoopback() throws Exception {
        new PortsFile(dir).write(new Ports(8080, 41234, "127.0.0.1:9092"));

        OpsAddress address = OpsAddress.resolve(Optional.empty(), dir);

        assertThat(address.base()).isEqualTo(URI.create("http://127.0.0.1:41234"));
        assertThat(address.resolvePath("/api/v1/brokers"))
                .isEqualTo(URI.create("http://127.0.0.1:41234/api/v1/brokers"));
        assertThat(address.origin()).contains(dir.resolve("ports.json").toString());
    }

    @Test
    void withoutPortsJsonTheDefaultIsUsedAndSaysWhy() throws Exception {
        OpsAddress address = OpsAddress.resolve(Optional.empty(), dir.resolve("missing"));

        assertThat(address.base()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(address.origin()).isEqualTo("the default: there is no " + dir.resolve("missing/ports.json"));
    }

    @Test
    void aBrokenPortsJsonIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("ports.json"), "{\"ingress\": 1}");

        assertThatThrownBy(() -> OpsAddress.resolve(Optional.empty(), dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("ports.json").toString());
    }

    @Test
    void theDataFolderIsTheFlagElseTheEnvironmentElseDotData() {
        OpsOptions fromEnvironment = new OpsOptions(Map.of(OpsOptions.DATA_DIR_VARIABLE, "/srv/switchboard"));
        assertThat(fromEnvironment.dataDir()).isEqualTo(Path.of("/srv/switchboard"));

        fromEnvironment.dataDir = Path.of("flag");
        assertThat(fromEnvironment.dataDir()).isEqualTo(Path.of("flag"));

        assertThat(new OpsOptions(Map.of()).dataDir()).isEqualTo(Path.of("./data"));
    }
}
