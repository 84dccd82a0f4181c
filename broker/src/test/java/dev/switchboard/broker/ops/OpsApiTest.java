package dev.switchboard.broker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.broker.delivery.FailedAttempts;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resources API and health endpoints of docs/operations.md against a real ops server: item shapes, Knative-style
 * conditions with their reasons (Ready, BrokerDoesNotExist, SubscriberNotResolved), counters and gauges read
 * from the registry, and readiness with {@code ?verbose}.
 */
class OpsApiTest {
    private OpsFixture ops;

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(TriggerControl.unavailable("no dispatcher in this test"));
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    private JsonObject json(String path) throws Exception {
        HttpResponse<String> response = ops.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return new JsonObject(response.body());
    }

    private JsonObject trigger(String name) throws Exception {
        JsonArray items = json("/api/v1/triggers").getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.getJsonObject(i)
                    .getJsonObject("metadata")
                    .getString("name")
                    .equals(name)) {
                return items.getJsonObject(i);
            }
        }
        throw new AssertionError("no trigger " + name + " in " + items);
    }

    private static JsonObject condition(JsonObject item, String type) {
        JsonArray conditions = item.getJsonObject("status").getJsonArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.getJsonObject(i).getString("type").equals(type)) {
                return conditions.getJsonObject(i);
            }
        }
        throw new AssertionError("no condition " + type + " in " + conditions);
    }

    @Test
    void readyTriggerIsShownAsLoadedWithAllConditionsTrue() throws Exception {
        JsonObject orders = trigger("orders");

        assertThat(orders.getString("apiVersion")).isEqualTo("eventing.knative.dev/v1");
        assertThat(orders.getString("kind")).isEqualTo("Trigger");
        assertThat(orders.getJsonObject("metadata"))
                .isEqualTo(new JsonObject(
                        "{\"name\":\"orders\",\"namespace\":\"team\",\"generation\":1,\"labels\":{\"app\":\"shop\"}}"));
        assertThat(orders.getJsonObject("spec")).isEqualTo(new JsonObject("""
                {"broker": "default",
                 "filter": {"attributes": {"type": "com.example.order.created"}},
                 "subscriber": {"uri": "http://127.0.0.1:8081/orders"},
                 "delivery": {"deadLetterSink": {"uri": "http://127.0.0.1:8082/dead"}, "retry": 3,
                              "backoffPolicy": "linear", "backoffDelay": "PT0.5S"}}
                """));
        for (String type : new String[] {"Ready", "BrokerReady", "SubscriberResolved", "DependencyReady"}) {
            assertThat(condition(orders, type).getString("status")).as(type).isEqualTo("True");
        }
        JsonObject status = orders.getJsonObject("status");
        assertThat(status.getString("subscriberUri")).isEqualTo("http://127.0.0.1:8081/orders");
        assertThat(status.getString("deadLetterSinkUri")).isEqualTo("http://127.0.0.1:8082/dead");
        assertThat(status.getJsonObject("counters"))
                .isEqualTo(new JsonObject(
                        "{\"delivered\":0,\"retried\":0,\"failed\":0,\"deadLettered\":0,\"replies\":0}"));
        assertThat(status.getLong("lag")).isZero();
        assertThat(status.getDouble("oldestUndeliveredAgeSeconds")).isZero();
    }

    @Test
    void triggerWhoseDeliveriesTheEgressGuardRefusesIsNotReadyWithEgressRefused() throws Exception {
        ops.egressRefusals.record(
                ResourceId.parse("team/orders"),
                java.net.URI.create("http://127.0.0.1:8081/orders"),
                "resolves to 169.254.169.254, a cloud metadata address");

        JsonObject orders = trigger("orders");

        JsonObject ready = condition(orders, "Ready");
        assertThat(ready.getString("status")).isEqualTo("False");
        assertThat(ready.getString("reason")).isEqualTo("EgressRefused");
        assertThat(ready.getString("message")).contains("169.254.169.254");
        assertThat(condition(orders, "EgressAllowed").getString("status")).isEqualTo("False");
        assertThat(condition(orders, "BrokerReady").getString("status")).isEqualTo("True");
    }

    @Test
    void lastFailureShowsTheMostRecentFailedAttemptAndIsAbsentWithoutOne() throws Exception {
        ResourceId orders = ResourceId.parse("team/orders");
        URI subscriber = URI.create("http://127.0.0.1:8081/orders");
        FailedAttempts.unanswered(ops.failures, orders, subscriber, "transport error: Connection refused");
        FailedAttempts.answered(ops.failures, orders, subscriber, 503, "overloaded");

        JsonObject lastFailure = trigger("orders").getJsonObject("status").getJsonObject("lastFailure");

        assertThat(lastFailure.getString("message")).isEqualTo("status 503: overloaded");
        assertThat(lastFailure.getInteger("status")).isEqualTo(503);
        assertThat(Instant.parse(lastFailure.getString("time"))).isBeforeOrEqualTo(Instant.now());
        assertThat(lastFailure.getString("url")).isEqualTo(subscriber.toString());
        assertThat(lastFailure.getLong("failuresSinceDelivered")).isEqualTo(2);
        assertThat(trigger("audit").getJsonObject("status").containsKey("lastFailure"))
                .isFalse();

        FailedAttempts.unanswered(ops.failures, orders, subscriber, "transport error: Connection reset");

        JsonObject transport = trigger("orders").getJsonObject("status").getJsonObject("lastFailure");
        assertThat(transport.containsKey("status"))
                .as("absent for transport errors")
                .isFalse();
        assertThat(transport.getString("message")).isEqualTo("transport error: Connection reset");
    }

    @Test
    void triggerOfAMissingBrokerIsNotReadyWithBrokerDoesNotExist() throws Exception {
        JsonObject audit = trigger("audit");

        JsonObject ready = condition(audit, "Ready");
        assertThat(ready.getString("status")).isEqualTo("False");
        assertThat(ready.getString("reason")).isEqualTo("BrokerDoesNotExist");
        assertThat(ready.getString("message")).contains("team/missing");
        assertThat(condition(audit, "BrokerReady").getString("reason")).isEqualTo("BrokerDoesNotExist");
        assertThat(condition(audit, "SubscriberResolved").getString("status")).isEqualTo("True");
        assertThat(audit.getJsonObject("status").getValue("deadLetterSinkUri")).isNull();
    }

    @Test
    void triggerWithAnUnmappedRefIsNotReadyWithSubscriberNotResolvedAndRendersItsFilters() throws Exception {
        JsonObject billing = trigger("billing");

        assertThat(condition(billing, "Ready").getString("reason")).isEqualTo("SubscriberNotResolved");
        assertThat(condition(billing, "SubscriberResolved").getString("status")).isEqualTo("False");
        assertThat(condition(billing, "BrokerReady").getString("status")).isEqualTo("True");
        assertThat(billing.getJsonObject("status").getValue("subscriberUri")).isNull();
        assertThat(billing.getJsonObject("spec")).isEqualTo(new JsonObject("""
                {"broker": "default",
                 "filters": [{"prefix": {"type": "com.example."}}, {"not": {"exact": {"source": "/test"}}}],
                 "subscriber": {"ref": {"apiVersion": "v1", "kind": "Service", "namespace": "team", "name": "billing"},
                                "uri": "/invoices"}}
                """));
    }

    @Test
    void triggerCountersAndGaugesComeFromTheRegistry() throws Exception {
        ops.attempts("team", "orders", "delivered", 7);
        ops.attempts("team", "orders", "retry", 3);
        ops.attempts("team", "orders", "failed", 2);
        ops.deadLetters("team", "orders", "sink", 1);
        ops.deadLetters("team", "orders", "topic", 1);
        ops.replies("team", "orders", "published", 4);
        ops.replies("team", "orders", "ttl_exhausted", 1);
        ops.attempts("team", "billing", "delivered", 100);
        ops.lagGauges("team", "orders", new AtomicReference<>(12.0), new AtomicReference<>(3.5));
        for (int i = 1; i <= 100; i++) {
            ops.dispatch("team", "default", "orders", 200, Duration.ofMillis(i));
        }

        JsonObject status = trigger("orders").getJsonObject("status");

        assertThat(status.getJsonObject("counters"))
                .isEqualTo(new JsonObject(
                        "{\"delivered\":7,\"retried\":3,\"failed\":2,\"deadLettered\":2,\"replies\":5}"));
        assertThat(status.getLong("lag")).isEqualTo(12);
        assertThat(status.getDouble("oldestUndeliveredAgeSeconds")).isEqualTo(3.5);
        JsonObject latency = status.getJsonObject("dispatchLatency");
        assertThat(latency.getLong("count")).isEqualTo(100);
        assertThat(latency.getDouble("p50Seconds")).isBetween(0.040, 0.060);
        assertThat(latency.getDouble("p99Seconds")).isBetween(0.085, 0.110);
    }

    @Test
    void brokersShowTheirIngressAddressAndAcceptedAndRejectedCounts() throws Exception {
        ops.ingress("team", "default", 202, 5);
        ops.ingress("team", "default", 400, 2);
        ops.ingress("team", "default", 413, 1);
        ops.ingress("other", "default", 202, 9);

        JsonArray items = json("/api/v1/brokers").getJsonArray("items");

        assertThat(items).hasSize(1);
        JsonObject broker = items.getJsonObject(0);
        assertThat(broker.getString("kind")).isEqualTo("Broker");
        assertThat(broker.getJsonObject("metadata"))
                .isEqualTo(new JsonObject("{\"name\":\"default\",\"namespace\":\"team\",\"generation\":1}"));
        JsonObject status = broker.getJsonObject("status");
        assertThat(status.getJsonObject("address").getString("url")).isEqualTo("http://127.0.0.1:8080/team/default");
        assertThat(status.getJsonObject("counters")).isEqualTo(new JsonObject("{\"accepted\":5,\"rejected\":3}"));
        assertThat(condition(broker, "Ready").getString("status")).isEqualTo("True");
        assertThat(status.getString("servedSince"))
                .isEqualTo(ops.reloader.current().appliedAt().toString());
    }

    @Test
    void brokerIsNotReadyWhileKafkaIsUnreachable() throws Exception {
        ops.kafkaReachable.set(false);

        JsonObject broker = json("/api/v1/brokers").getJsonArray("items").getJsonObject(0);

        JsonObject ready = condition(broker, "Ready");
        assertThat(ready.getString("status")).isEqualTo("False");
        assertThat(ready.getString("reason")).isEqualTo("IngressNotReady");
        assertThat(ready.getString("message")).isEqualTo("kafka: Kafka is not reachable");
    }

    @Test
    void readyzListsEachCheckWithVerboseAndTurns503WhenKafkaIsUnreachable() throws Exception {
        assertThat(ops.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(ops.get("/readyz?verbose").body()).isEqualTo("[+]kafka ok\n[+]config ok\nreadyz check passed\n");

        ops.kafkaReachable.set(false);

        HttpResponse<String> verbose = ops.get("/readyz?verbose");
        assertThat(verbose.statusCode()).isEqualTo(503);
        assertThat(verbose.body())
                .isEqualTo("[-]kafka failed: Kafka is not reachable\n[+]config ok\nreadyz check failed\n");
        assertThat(ops.get("/readyz").statusCode()).isEqualTo(503);
        assertThat(ops.get("/livez").statusCode()).isEqualTo(200);
        assertThat(ops.get("/livez?verbose").body()).isEqualTo("[+]ping ok\nlivez check passed\n");
    }

    @Test
    void overviewCarriesEverythingTheStatusPageShows() throws Exception {
        ops.dispatch("team", "default", "orders", 200, Duration.ofMillis(20));

        JsonObject overview = json("/api/v1/overview");

        assertThat(overview.getBoolean("ready")).isTrue();
        assertThat(overview.getLong("timeMillis")).isPositive();
        assertThat(overview.getJsonArray("brokers")).hasSize(1);
        assertThat(overview.getJsonArray("triggers")).hasSize(3);
        assertThat(overview.getJsonObject("status").getLong("generation")).isEqualTo(1);
        assertThat(overview.getJsonObject("dispatchLatency").getLong("count")).isEqualTo(1);
        assertThat(overview.getJsonArray("checks").getJsonObject(0).getString("name"))
                .isEqualTo("kafka");
    }

    @Test
    void statusPageIsOneSelfContainedHtmlDocument() throws Exception {
        HttpResponse<String> page = ops.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<title>Switchboard status</title>", "/api/v1/overview")
                .doesNotContain("<script src", "<link ", "http://", "https://");
    }
}
