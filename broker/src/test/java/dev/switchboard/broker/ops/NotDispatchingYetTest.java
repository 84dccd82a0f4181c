package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/delivery.md "New trigger", docs/operations.md: a trigger the loader finds Ready is Ready=True in the API only
 * once the dispatcher has positioned it, so an event accepted after the API said Ready always reaches it (the chaos
 * soak found triggers shown Ready up to a minute before they were positioned under load).
 */
class NotDispatchingYetTest {
    private final Set<ResourceId> dispatching = ConcurrentHashMap.newKeySet();
    private OpsFixture ops;

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(new TriggerControl() {
            @Override
            public Future<Void> replay(ResourceId trigger, Instant from) {
                return Future.failedFuture("not in this test");
            }

            @Override
            public Future<Integer> redrive(ResourceId trigger) {
                return Future.failedFuture("not in this test");
            }

            @Override
            public boolean dispatching(ResourceId trigger) {
                return dispatching.contains(trigger);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    @Test
    void aTriggerNotPositionedYetIsReadyUnknownThenTrueOnceItDispatches() throws Exception {
        JsonObject before = ready("orders");

        assertThat(before.getString("status")).isEqualTo("Unknown");
        assertThat(before.getString("reason")).isEqualTo("NotDispatchingYet");
        assertThat(ops.get("/metrics").body())
                .contains("switchboard_trigger_ready{namespace=\"team\",trigger=\"orders\"} 0.0");

        dispatching.add(ResourceId.parse("team/orders"));

        assertThat(ready("orders").getString("status")).isEqualTo("True");
        assertThat(ops.get("/metrics").body())
                .contains("switchboard_trigger_ready{namespace=\"team\",trigger=\"orders\"} 1.0");
    }

    @Test
    void aTriggerNotReadyForItsOwnReasonKeepsThatReason() throws Exception {
        JsonObject orphan = ready("audit");

        assertThat(orphan.getString("status")).isEqualTo("False");
        assertThat(orphan.getString("reason")).isEqualTo("BrokerDoesNotExist");
    }

    private JsonObject ready(String name) throws Exception {
        JsonArray items = new JsonObject(ops.get("/api/v1/triggers").body()).getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (item.getJsonObject("metadata").getString("name").equals(name)) {
                JsonArray conditions = item.getJsonObject("status").getJsonArray("conditions");
                for (int j = 0; j < conditions.size(); j++) {
                    if ("Ready".equals(conditions.getJsonObject(j).getString("type"))) {
                        return conditions.getJsonObject(j);
                    }
                }
            }
        }
        throw new AssertionError("no Ready condition of " + name + " in " + items);
    }
}
