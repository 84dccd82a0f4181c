package dev.switchboard.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code egressAuth} (docs/security.md): named entries of three types, every needed key required, unknown keys refused. */
class EgressAuthConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryType() throws Exception {
        ServerConfig config = load("""
                egressAuth:
                  billing: {type: bearer, tokenFile: /run/secrets/billing-token}
                  legacy: {type: basic, username: switchboard, passwordFile: /run/secrets/legacy-password}
                  default:
                    type: oauth2
                    tokenUrl: https://login.example.com/oauth2/token
                    clientId: switchboard
                    clientSecretFile: /run/secrets/client-secret
                    scope: events.write
                    audience: https://hooks.example.com
                """);

        assertThat(config.egressAuth())
                .containsEntry("billing", new EgressAuth.Bearer(Path.of("/run/secrets/billing-token")))
                .containsEntry("legacy", new EgressAuth.Basic("switchboard", Path.of("/run/secrets/legacy-password")))
                .containsEntry(
                        "default",
                        new EgressAuth.OAuth2(
                                URI.create("https://login.example.com/oauth2/token"),
                                "switchboard",
                                Path.of("/run/secrets/client-secret"),
                                Optional.of("events.write"),
                                Optional.of("https://hooks.example.com")));
    }

    @Test
    void environmentTakesTheEntriesAsJson() throws Exception {
        ServerConfig config = new ConfigLoader()
                .load(
                        Optional.empty(),
                        Map.of("SWITCHBOARD_EGRESSAUTH", "{\"b\": {\"type\": \"bearer\", \"tokenFile\": \"t\"}}"),
                        Map.of());

        assertThat(config.egressAuth()).containsOnly(Map.entry("b", new EgressAuth.Bearer(Path.of("t"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown type | {x: {type: digest, tokenFile: t}} | egressAuth.x.type: expected bearer, basic or oauth2",
                "missing key | {x: {type: basic, username: u}} | egressAuth.x: missing key 'passwordFile' (type basic)",
                "missing type | {x: {tokenFile: t}} | egressAuth.x: missing key 'type'",
                "key of another type | {x: {type: bearer, tokenFile: t, username: u}} | egressAuth.x.username: unknown key for type bearer",
                "token URL not http | {x: {type: oauth2, tokenUrl: 'ftp://h/t', clientId: c, clientSecretFile: s}} | egressAuth.x.tokenUrl:",
                "not a mapping | [a, b] | egressAuth: expected a mapping of entry names"
            })
    void refusesBadEntries(String name, String value, String expected) throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("egressAuth: " + value + "\n"));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).contains(expected);
    }

    private ServerConfig load(String yaml) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file), Map.of(), Map.of());
    }
}
