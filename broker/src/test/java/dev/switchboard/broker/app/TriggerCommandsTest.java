package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay} and {@code redrive} (docs/cli.md) against an HTTP server in the test that answers as docs/operations.md says
 * the operations API does, recording what the commands send.
 */
class TriggerCommandsTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private HttpServer server;

    @BeforeEach
    void startOps() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    requests.add(request.method() + " " + request.path() + " " + body);
                    request.response()
                            .setStatusCode(status)
                            .end(status == 202 ? "{\"events\": 3}" : "{\"error\": \"unknown trigger\"}");
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopOps() {
        vertx.close().await();
    }

    @Test
    void replayPostsTheInstantToTheTriggersReplayEndpoint() {
        int exit = run("replay", "shop/billing", "--from", "2025-01-31T13:00:00+01:00");

        assertThat(exit).isZero();
        assertThat(requests)
                .containsExactly(
                        "POST /api/v1/namespaces/shop/triggers/billing/replay {\"from\": \"2025-01-31T12:00:00Z\"}");
    }

    @Test
    void redrivePostsToTheTriggersRedriveEndpoint() {
        int exit = run("redrive", "shop/billing");

        assertThat(exit).isZero();
        assertThat(requests).containsExactly("POST /api/v1/namespaces/shop/triggers/billing/redrive ");
    }

    @ParameterizedTest
    @CsvSource({"404, 1", "400, 1", "500, 1", "202, 0"})
    void exitsZeroOnlyWhenAccepted(int answer, int expectedExit) {
        status = answer;

        assertThat(run("redrive", "shop/billing")).isEqualTo(expectedExit);
    }

    @Test
    void rejectsATimestampThatIsNotRfc3339AsAUsageError() {
        assertThat(run("replay", "shop/billing", "--from", "yesterday")).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void rejectsATriggerWithoutNamespaceAsAUsageError() {
        assertThat(run("redrive", "billing")).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void exitsOneWhenNoServerAnswers() {
        assertThat(Main.execute(new String[] {"redrive", "shop/billing", "--ops", "http://127.0.0.1:1"}, Map.of()))
                .isEqualTo(1);
    }

    private int run(String... args) {
        String[] withOps = new String[args.length + 2];
        System.arraycopy(args, 0, withOps, 0, args.length);
        withOps[args.length] = "--ops";
        withOps[args.length + 1] = "http://127.0.0.1:" + server.actualPort();
        return Main.execute(withOps, Map.of());
    }
}
