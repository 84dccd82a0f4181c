package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.broker.ops.OpsFixture;
import dev.switchboard.broker.ops.TriggerControl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code switchboard triggers} (docs/cli.md) against a real ops server: the table, JSON and YAML, and exit codes. */
class TriggersCommandTest {
    private OpsFixture ops;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(TriggerControl.unavailable("none"));
        ops.attempts("team", "orders", "delivered", 12);
        ops.attempts("team", "orders", "failed", 2);
        ops.deadLetters("team", "orders", "topic", 2);
        ops.lagGauges("team", "orders", new AtomicReference<>(5.0), new AtomicReference<>(1.0));
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    private int run(String... args) {
        Clock clock = Clock.fixed(ops.reloader.current().appliedAt().plusSeconds(45), ZoneOffset.UTC);
        return Main.execute(args, Map.of(), clock, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsATableLikeKnTriggerListWithCounters() {
        int exit = run("triggers", "--ops", ops.url(""));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                NAMESPACE   NAME      BROKER    SUBSCRIBER                     AGE   CONDITIONS   READY   REASON                  DELIVERED   FAILED   DEAD-LETTERED   LAG
                team        audit     missing   http://127.0.0.1:8083/audit    45s   3 OK / 5     False   BrokerDoesNotExist      0           0        0               0
                team        billing   default                                  45s   3 OK / 5     False   SubscriberNotResolved   0           0        0               0
                team        orders    default   http://127.0.0.1:8081/orders   45s   5 OK / 5     True                            12          2        2               5
                """);
    }

    @Test
    void printsTheApiBodyAsJsonOrYaml() throws Exception {
        assertThat(run("triggers", "--ops", ops.url("/"), "-o", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("items")).hasSize(3);
        assertThat(json.path("items")
                        .get(2)
                        .path("status")
                        .path("counters")
                        .path("delivered")
                        .asLong())
                .isEqualTo(12);

        StringWriter yamlOut = new StringWriter();
        int exit = Main.execute(
                new String[] {"triggers", "--ops", ops.url(""), "--output", "yaml"},
                Map.of(),
                new PrintWriter(yamlOut, true),
                new PrintWriter(err, true));
        assertThat(exit).isZero();
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(yamlOut.toString());
        assertThat(yaml).isEqualTo(json);
    }

    @Test
    void exitsNonZeroNamingTheUrlWhenTheOpsApiDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = run("triggers", "--ops", "http://127.0.0.1:" + closedPort);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("cannot reach the ops API at http://127.0.0.1:" + closedPort + "/api/v1/triggers")
                .contains("--ops");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpNamesTheOptions() {
        assertThat(run("triggers", "--help")).isZero();
        assertThat(out.toString()).contains("--ops", "-o, --output", "table, json or yaml");
    }

    @Test
    void namespaceOptionListsThatNamespaceOnlyWithoutTheNamespaceColumn() throws Exception {
        assertThat(run("triggers", "--ops", ops.url(""), "-n", "team"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).startsWith("NAME      BROKER    SUBSCRIBER").contains("\norders    default   ");

        out.getBuffer().setLength(0);
        assertThat(run("triggers", "--ops", ops.url(""), "--namespace", "other"))
                .isZero();
        assertThat(out.toString()).isEqualTo("No triggers found in namespace other.\n");

        out.getBuffer().setLength(0);
        assertThat(run("triggers", "--ops", ops.url(""), "-n", "other", "-o", "json"))
                .isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("items")).isEmpty();
    }

    @Test
    void allNamespacesIsTheDefaultAndExcludesANamespace() {
        assertThat(run("triggers", "--ops", ops.url(""), "-A")).isZero();
        assertThat(out.toString()).startsWith("NAMESPACE   NAME");

        assertThat(run("triggers", "--ops", ops.url(""), "-A", "-n", "team")).isEqualTo(2);
        assertThat(err.toString()).contains("-n/--namespace and -A/--all-namespaces exclude each other");
    }
}
