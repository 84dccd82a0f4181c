package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.broker.delivery.EgressRefusals;
import dev.switchboard.broker.ingress.auth.StaticTokens;
import dev.switchboard.broker.testing.CapturedLogs;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/operations.md protection of the ops API's POSTs, over real HTTP: another origin is refused (403), a body must be JSON
 * (415), and with {@code ops.tokensFile} a bearer token is needed (401); nothing refused reaches the dispatcher.
 */
class OpsApiProtectionTest {
    private static final String REPLAY = "/api/v1/namespaces/team/triggers/orders/replay";
    private static final String REDRIVE = "/api/v1/namespaces/team/triggers/orders/redrive";
    private static final String BODY = "{\"from\": \"2025-01-31T12:00:00Z\"}";
    private static final String TOKEN = "ops-token-canary-4d1e";

    @TempDir
    Path dir;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TriggerControl recording = new TriggerControl() {
        @Override
        public Future<Void> replay(ResourceId trigger, Instant from) {
            calls.add("replay " + trigger);
            return Future.succeededFuture();
        }

        @Override
        public Future<Integer> redrive(ResourceId trigger) {
            calls.add("redrive " + trigger);
            return Future.succeededFuture(0);
        }
    };
    private OpsFixture ops;

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(recording);
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.example", "null", "http://127.0.0.1:1", "http://127.0.0.1.evil.example:9090"})
    void refusesOtherOrigins(String origin) throws Exception {
        assertThat(send(REPLAY, BODY, "application/json", origin, null).statusCode())
                .isEqualTo(403);
        assertThat(send(REDRIVE, null, null, origin, null).statusCode()).isEqualTo(403);
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:%d", "http://localhost:%d", "HTTP://LOCALHOST:%d"})
    void acceptsItsOwnOrigin(String origin) throws Exception {
        HttpResponse<String> response = send(REPLAY, BODY, "application/json", origin.formatted(ops.port), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(calls).containsExactly("replay team/orders");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "none"})
    void aBodyMustBeJson(String contentType) throws Exception {
        HttpResponse<String> response = send(REPLAY, BODY, contentType, null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(calls).isEmpty();
    }

    @Test
    void redriveNeedsNoBodyAndJsonWithParametersIsJson() throws Exception {
        assertThat(send(REDRIVE, null, null, null, null).statusCode()).isEqualTo(202);
        assertThat(send(REPLAY, BODY, "application/json; charset=utf-8", null, null)
                        .statusCode())
                .isEqualTo(202);
        assertThat(calls).containsExactly("redrive team/orders", "replay team/orders");
    }

    @Test
    void withATokensFileAPostNeedsOneOfItsTokens() throws Exception {
        Path tokens = dir.resolve("ops-tokens.yaml");
        Files.writeString(tokens, "- {token: \"" + TOKEN + "\", subject: operator}\n");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            OpsServer guarded = new OpsServer(
                    ops.vertx,
                    ops.registry,
                    new HealthChecks("readyz", List.of()),
                    ConfigStatus.of(ops.reloader),
                    new TriggerRuntime(
                            recording,
                            new EgressRefusals(Clock.systemUTC()),
                            ControlAccess.withTokens("127.0.0.1", () -> StaticTokens.load(tokens)),
                            new DeliveryFailures(Clock.systemUTC())),
                    URI.create("http://127.0.0.1:8080"));
            String base = "http://127.0.0.1:" + guarded.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);

            HttpResponse<String> none = send(base + REDRIVE, null, null, null, null);
            HttpResponse<String> wrong = send(base + REDRIVE, null, null, null, "Bearer not-" + TOKEN);
            HttpResponse<String> basic = send(base + REDRIVE, null, null, null, "Basic " + TOKEN);
            HttpResponse<String> right = send(base + REPLAY, BODY, "application/json", null, "Bearer " + TOKEN);

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer realm=\"switchboard-ops\""));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(basic.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).as(right.body()).isEqualTo(202);
            assertThat(calls).containsExactly("replay team/orders");
            assertThat(wrong.body() + none.body() + basic.body()).doesNotContain(TOKEN);
            assertThat(logs.containing(TOKEN)).isEmpty();
        }
    }

    private HttpResponse<String> send(String path, String body, String contentType, String origin, String authorization)
            throws Exception {
        String url = path.startsWith("http") ? path : ops.url(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
