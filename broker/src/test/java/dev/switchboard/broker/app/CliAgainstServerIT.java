package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.PortsFile;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.testing.KafkaCluster;
import dev.switchboard.broker.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kn-style commands against a real running Switchboard (real Kafka, real ingress, real delivery to a subscriber
 * in the test that refuses every event): {@code brokers}, {@code triggers -n}, {@code describe} with the last
 * failure, and the ops URL found in the {@code ports.json} the server wrote (from {@code --data-dir} and from
 * {@code SWITCHBOARD_DATADIR}); none of the commands is given {@code --ops}.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAgainstServerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private final Vertx vertx = Vertx.vertx();
    private String shop;
    private String audit;
    private Path dataDir;
    private SwitchboardServer server;

    @BeforeAll
    void startServer(KafkaCluster kafka) throws Exception {
        HttpServer refusing = vertx.createHttpServer()
                .requestHandler(request -> request.body()
                        .onSuccess(body -> request.response().setStatusCode(500).end("subscriber is broken")))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        shop = kafka.uniqueName("clishop");
        audit = kafka.uniqueName("cliaudit");
        Path resources = dir.resolve("resources.yaml");
        Files.writeString(resources, """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: default, namespace: %1$s}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: default, namespace: %2$s}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: orders, namespace: %1$s}
                spec:
                  broker: default
                  filter: {attributes: {type: com.example.order}}
                  subscriber: {uri: "http://127.0.0.1:%3$d/orders"}
                  delivery: {retry: 0}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: trail, namespace: %2$s}
                spec:
                  broker: default
                  subscriber: {uri: "http://127.0.0.1:%3$d/trail"}
                """.formatted(shop, audit, refusing.actualPort()));
        dataDir = dir.resolve("data");
        ServerConfig config = new ConfigLoader()
                .load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "kafka.bootstrapServers", kafka.bootstrapServers(),
                                "kafka.partitions", "1",
                                "kafka.replicationFactor", "1",
                                "kafka.minInsyncReplicas", "1",
                                "ingress.host", "127.0.0.1",
                                "ingress.port", "0",
                                "ops.port", "0",
                                "dataDir", dataDir.toString(),
                                "resources", resources.toString()));
        server = SwitchboardServer.start(config);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void brokersListsEveryBrokerWithItsUrlFoundThroughPortsJson() {
        Result all = run(Map.of(), "brokers", "--data-dir", dataDir.toString());

        assertThat(all.exit()).as(all.err()).isZero();
        String ingress = "http://127.0.0.1:" + server.ports().ingress();
        assertThat(all.out())
                .startsWith("NAMESPACE")
                .containsPattern(shop + " +default +" + ingress + "/" + shop + "/default +\\d+s +4 OK / 4 +True")
                .containsPattern(audit + " +default +" + ingress + "/" + audit + "/default +\\d+s +4 OK / 4 +True");

        Result one = run(Map.of(), "brokers", "--data-dir", dataDir.toString(), "-n", audit);

        assertThat(one.out())
                .startsWith("NAME ")
                .contains(ingress + "/" + audit + "/default")
                .doesNotContain(shop);
    }

    @Test
    void triggersOfOneNamespaceWithTheDataFolderFromTheEnvironment() {
        Result listed = run(Map.of(OpsOptions.DATA_DIR_VARIABLE, dataDir.toString()), "triggers", "-n", shop);

        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out().lines())
                .hasSize(2)
                .last()
                .asString()
                .matches("orders +default +http://127\\.0\\.0\\.1:\\d+/orders +\\d+s +5 OK / 5 +True +.*");
    }

    @Test
    void describeShowsTheSpecAndWhyTheLastDeliveryFailed() throws Exception {
        HttpResponse<String> accepted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.ports().ingress() + "/" + shop + "/default"))
                                .header("ce-specversion", "1.0")
                                .header("ce-id", "order-1")
                                .header("ce-type", "com.example.order")
                                .header("ce-source", "/cli-test")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(PATIENCE).untilAsserted(() -> {
            Result described = run(Map.of(), "describe", shop + "/orders", "--data-dir", dataDir.toString());
            assertThat(described.exit()).as(described.err()).isZero();
            assertThat(described.out())
                    .contains("Name:                  orders\n")
                    .contains("  type:                com.example.order\n")
                    .contains("  Retry:               0\n")
                    .contains("  Status:              500\n")
                    .contains(
                            "  Message:             status 500 after 1 attempt(s), no retries left: subscriber is broken\n")
                    .containsPattern("  Dead-lettered: +1\n");
        });
    }

    @Test
    void describeOfATriggerTheServerDoesNotServeExitsOne() {
        Result unknown = run(Map.of(), "describe", shop + "/gone", "--data-dir", dataDir.toString());

        assertThat(unknown.exit()).isEqualTo(DescribeCommand.EXIT_UNKNOWN_TRIGGER);
        assertThat(unknown.err())
                .contains("the server does not serve trigger " + shop + "/gone; its triggers in namespace " + shop
                        + ": orders");
    }

    @Test
    void aStalePortsJsonGivesAnErrorNamingTheFileAndTheWayOut() throws Exception {
        Path stale = dir.resolve("stale");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        new PortsFile(stale).write(new dev.switchboard.broker.config.Ports(1, closedPort, "127.0.0.1:1"));

        Result result = run(Map.of(), "triggers", "--data-dir", stale.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .contains("cannot reach the ops API at http://127.0.0.1:" + closedPort + "/api/v1/triggers")
                .contains("connection refused")
                .contains(stale.resolve("ports.json") + ", written by the last run")
                .contains("--ops URL", "--data-dir DIR");
    }

    private static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
