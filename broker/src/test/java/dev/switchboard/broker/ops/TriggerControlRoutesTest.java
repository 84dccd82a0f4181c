package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay and redrive endpoints (docs/operations.md): what reaches the dispatcher, and the answers for unknown
 * triggers (404), bad bodies (400), triggers that are not Ready (409) and a failing dispatcher (503).
 */
class TriggerControlRoutesTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private OpsFixture ops;

    private final TriggerControl fake = new TriggerControl() {
        @Override
        public Future<Void> replay(ResourceId trigger, Instant from) {
            calls.add("replay " + trigger + " " + from);
            return failing ? Future.failedFuture("dispatcher stopping") : Future.succeededFuture();
        }

        @Override
        public Future<Integer> redrive(ResourceId trigger) {
            calls.add("redrive " + trigger);
            return failing ? Future.failedFuture("dispatcher stopping") : Future.succeededFuture(3);
        }
    };

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(fake);
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-01-31T12:00:00Z       | 2025-01-31T12:00:00Z",
                "2025-01-31T13:00:00+01:00  | 2025-01-31T12:00:00Z",
                "2025-01-31t12:00:00.250z   | 2025-01-31T12:00:00.250Z",
            })
    void replayHandsTheInstantToTheDispatcherAndAnswers202(String from, String instant) throws Exception {
        HttpResponse<String> response =
                ops.post("/api/v1/namespaces/team/triggers/orders/replay", "{\"from\": \"" + from + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(new JsonObject(response.body()))
                .isEqualTo(new JsonObject().put("trigger", "team/orders").put("from", instant));
        assertThat(calls).containsExactly("replay team/orders " + instant);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"from\": 12}",
                "{\"from\": null}",
                "{\"from\": \"yesterday\"}",
                "{\"from\": \"2025-01-31T12:00:00\"}",
                "{\"from\": \"2025-01-31\"}",
                "{\"from\": \"2025-01-31T12:00:00Z\", \"to\": \"2025-02-01T00:00:00Z\"}",
            })
    void replayWithABadBodyIs400AndReachesNoDispatcher(String body) throws Exception {
        HttpResponse<String> response = ops.post("/api/v1/namespaces/team/triggers/orders/replay", body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).isNotBlank();
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "redrive"})
    void unknownTriggerIs404(String action) throws Exception {
        HttpResponse<String> response =
                ops.post("/api/v1/namespaces/team/triggers/nope/" + action, "{\"from\": \"2025-01-31T12:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("no trigger team/nope");
        assertThat(ops.post("/api/v1/namespaces/elsewhere/triggers/orders/" + action, "{}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"audit, BrokerDoesNotExist", "billing, SubscriberNotResolved"})
    void triggerThatIsNotReadyIs409WithItsReason(String trigger, String reason) throws Exception {
        HttpResponse<String> response = ops.post("/api/v1/namespaces/team/triggers/" + trigger + "/redrive", "");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo(reason);
        assertThat(calls).isEmpty();
    }

    @Test
    void redriveAnswers202WithTheNumberOfEvents() throws Exception {
        HttpResponse<String> response = ops.post("/api/v1/namespaces/team/triggers/orders/redrive", "");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(response.body()))
                .isEqualTo(new JsonObject().put("trigger", "team/orders").put("events", 3));
        assertThat(calls).containsExactly("redrive team/orders");
    }

    @Test
    void failingDispatcherIs503WithItsMessage() throws Exception {
        failing = true;

        HttpResponse<String> redrive = ops.post("/api/v1/namespaces/team/triggers/orders/redrive", "");
        HttpResponse<String> replay =
                ops.post("/api/v1/namespaces/team/triggers/orders/replay", "{\"from\": \"2025-01-31T12:00:00Z\"}");

        assertThat(redrive.statusCode()).isEqualTo(503);
        assertThat(replay.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(redrive.body()).getString("error")).isEqualTo("dispatcher stopping");
    }

    @Test
    void getOnAControlEndpointIsNotAllowed() throws Exception {
        assertThat(ops.get("/api/v1/namespaces/team/triggers/orders/redrive").statusCode())
                .isEqualTo(405);
    }
}
