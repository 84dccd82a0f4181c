package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code replay} and {@code redrive --token-file FILE} (docs/operations.md): the file's token as a bearer token, never printed. */
class OpsTokenFileTest {
    private static final String TOKEN = "cli-token-canary-77aa";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startOps() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    authorizations.add(String.valueOf(request.getHeader("Authorization")));
                    request.response().setStatusCode(202).end("{}");
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopOps() {
        vertx.close().await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay shop/billing --from 2025-01-31T12:00:00Z", "redrive shop/billing"})
    void sendsTheTokenOfTheFile(String command) throws Exception {
        Path file = dir.resolve("ops-token");
        Files.writeString(file, TOKEN + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(command + " --token-file " + file, out, err);

        assertThat(exit).isZero();
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(out.toString() + err).doesNotContain(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay shop/billing --from 2025-01-31T12:00:00Z", "redrive shop/billing"})
    void anUnreadableTokenFileSendsNothing(String command) {
        Path missing = dir.resolve("absent");
        StringWriter err = new StringWriter();

        assertThat(run(command + " --token-file " + missing, new StringWriter(), err))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot read --token-file " + missing, "NoSuchFileException");
        assertThat(authorizations).isEmpty();
    }

    private int run(String command, StringWriter out, StringWriter err) {
        String line = command + " --ops http://127.0.0.1:" + server.actualPort();
        return Main.execute(line.split(" "), Map.of(), new PrintWriter(out), new PrintWriter(err));
    }
}
