package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code switchboard send} against a real HTTP server: what goes on the wire, and the exit codes of docs/cli.md. */
class SendCommandTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicReference<MultiMap> headers = new AtomicReference<>();
    private final AtomicReference<Buffer> body = new AtomicReference<>();
    private final AtomicInteger answer = new AtomicInteger(202);
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(received -> {
                    headers.set(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                    body.set(received);
                    request.response()
                            .setStatusCode(answer.get())
                            .end(answer.get() == 202 ? "" : "{\"error\":\"nope\",\"attribute\":\"id\"}");
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/team/orders";
    }

    @Test
    void sendsABinaryModeEventWithPercentEncodedValuesAndExits0() {
        int exit = Main.execute(
                new String[] {
                    "send",
                    "--to",
                    url(),
                    "--type",
                    "com.example.t",
                    "--source",
                    "/cli",
                    "--id",
                    "id-1",
                    "--data",
                    "{\"n\":1}",
                    "--ext",
                    "note=hé llo",
                    "--ext",
                    "tenant=acme"
                },
                Map.of());

        assertThat(exit).isZero();
        assertThat(headers.get().get("ce-specversion")).isEqualTo("1.0");
        assertThat(headers.get().get("ce-id")).isEqualTo("id-1");
        assertThat(headers.get().get("ce-type")).isEqualTo("com.example.t");
        assertThat(headers.get().get("ce-source")).isEqualTo("/cli");
        assertThat(headers.get().get("ce-note")).isEqualTo("h%C3%A9%20llo");
        assertThat(headers.get().get("ce-tenant")).isEqualTo("acme");
        assertThat(headers.get().get("content-type")).isEqualTo("application/json");
        assertThat(body.get().toString()).isEqualTo("{\"n\":1}");
    }

    @Test
    void sendsAStructuredEventWhenAsked() {
        int exit = Main.execute(
                new String[] {"send", "--to", url(), "--type", "t", "--source", "/cli", "--structured"}, Map.of());

        assertThat(exit).isZero();
        assertThat(headers.get().get("content-type")).startsWith("application/cloudevents+json");
        assertThat(body.get().toJsonObject().getString("type")).isEqualTo("t");
        assertThat(body.get().toJsonObject().getString("specversion")).isEqualTo("1.0");
    }

    @Test
    void exits1WhenTheAnswerIsNot2xx() {
        answer.set(400);

        int exit = Main.execute(new String[] {"send", "--to", url(), "--type", "t", "--source", "/cli"}, Map.of());

        assertThat(exit).isEqualTo(1);
    }

    @Test
    void exits1WhenNothingListens() {
        int exit = Main.execute(
                new String[] {"send", "--to", "http://127.0.0.1:1/x/y", "--type", "t", "--source", "/cli"}, Map.of());

        assertThat(exit).isEqualTo(1);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "send", "validate"}) {
            assertThat(Main.execute(new String[] {command, "--help"}, Map.of()))
                    .as(command)
                    .isZero();
        }
        assertThat(Main.execute(new String[] {"--help"}, Map.of())).isZero();
    }
}
