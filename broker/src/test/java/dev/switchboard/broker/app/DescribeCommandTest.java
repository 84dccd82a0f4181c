package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.broker.delivery.FailedAttempts;
import dev.switchboard.broker.ops.OpsFixture;
import dev.switchboard.broker.ops.TriggerControl;
import dev.switchboard.triggers.model.ResourceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard describe NS/TRIGGER} (docs/cli.md) against a real ops server: spec, conditions, counters, lag,
 * the last failure, JSON, and the exit codes of an unknown trigger and a malformed argument.
 */
class DescribeCommandTest {
    private OpsFixture ops;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(TriggerControl.unavailable("none"));
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    private int run(String... args) {
        Clock clock = Clock.fixed(ops.reloader.current().appliedAt().plusSeconds(7_200 + 300), ZoneOffset.UTC);
        return Main.execute(args, Map.of(), clock, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void describesAReadyTriggerAsKnTriggerDescribeDoes() {
        ops.attempts("team", "orders", "delivered", 12);
        ops.attempts("team", "orders", "failed", 2);
        ops.deadLetters("team", "orders", "topic", 1);
        ops.lagGauges("team", "orders", new AtomicReference<>(5.0), new AtomicReference<>(125.0));

        int exit = run("describe", "team/orders", "--ops", ops.url(""));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                Name:                  orders
                Namespace:             team
                Labels:                app=shop
                Age:                   125m
                Generation:            1
                Broker:                default
                Filter:
                  type:                com.example.order.created

                Subscriber:
                  URI:                 http://127.0.0.1:8081/orders
                  Resolved:            http://127.0.0.1:8081/orders

                Delivery:
                  Retry:               3
                  Backoff policy:      linear
                  Backoff delay:       PT0.5S
                  Dead letter sink:
                    URI:               http://127.0.0.1:8082/dead
                    Resolved:          http://127.0.0.1:8082/dead

                Conditions:
                  OK   TYPE                     REASON   MESSAGE
                  ++   Ready
                  ++   BrokerReady
                  ++   SubscriberResolved
                  ++   DeadLetterSinkResolved
                  ++   DependencyReady

                Counters:
                  Delivered:           12
                  Retried:             0
                  Failed:              2
                  Dead-lettered:       1
                  Replies:             0
                  Lag:                 5 events
                  Oldest undelivered:  2m5s

                Last failure:
                  none
                """);
    }

    @Test
    void showsTheLastFailureWithItsStatusOrTransportError() {
        ResourceId orders = ResourceId.parse("team/orders");
        URI subscriber = URI.create("http://127.0.0.1:8081/orders");
        FailedAttempts.answered(ops.failures, orders, subscriber, 503, "overloaded");

        assertThat(run("describe", "team/orders", "--ops", ops.url(""))).isZero();
        assertThat(out.toString())
                .containsPattern("Last failure:\n  Time: +\\S+Z \\(12[45]m ago\\)\n")
                .contains("  Status:              503\n")
                .contains("  Message:             status 503: overloaded\n")
                .contains("  URL:                 http://127.0.0.1:8081/orders\n")
                .contains("  Failed attempts:     1 since the last delivery, the first at ");

        out.getBuffer().setLength(0);
        FailedAttempts.unanswered(ops.failures, orders, subscriber, "transport error: Connection refused");
        assertThat(run("describe", "team/orders", "--ops", ops.url(""))).isZero();
        assertThat(out.toString())
                .contains("  Status:              none (transport error)\n")
                .contains("  Message:             transport error: Connection refused\n");
    }

    @Test
    void showsWhyATriggerIsNotReadyAndItsFilters() {
        assertThat(run("describe", "team/billing", "--ops", ops.url(""))).isZero();

        assertThat(out.toString())
                .contains("""
                        Filter:
                          - prefix:
                              type: "com.example."
                          - not:
                              exact:
                                source: "/test"
                        """)
                .contains("  Ref:                 Service billing (v1) in team\n")
                .contains("  Resolved:            (not resolved)\n")
                .containsPattern("  !!   Ready +SubscriberNotResolved +\\S")
                .contains("  (the broker's delivery options, else the defaults of docs/delivery.md)\n");
    }

    @Test
    void printsTheApiItemAsJson() throws Exception {
        assertThat(run("describe", "team/orders", "--ops", ops.url(""), "-o", "json"))
                .isZero();

        assertThat(new ObjectMapper()
                        .readTree(out.toString())
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("orders");
    }

    @Test
    void anUnknownTriggerExitsOneNamingTheTriggersOfItsNamespace() {
        assertThat(run("describe", "team/nope", "--ops", ops.url(""))).isEqualTo(DescribeCommand.EXIT_UNKNOWN_TRIGGER);
        assertThat(err.toString())
                .contains("the server does not serve trigger team/nope; its triggers in namespace team: ")
                .contains("orders");
        assertThat(out.toString()).isEmpty();

        assertThat(run("describe", "nowhere/nope", "--ops", ops.url(""))).isEqualTo(1);
        assertThat(err.toString()).contains("it serves no trigger in namespace nowhere");
    }

    @Test
    void anArgumentWithoutNamespaceIsAUsageError() {
        assertThat(run("describe", "orders", "--ops", ops.url(""))).isEqualTo(2);
        assertThat(err.toString()).contains("expected NAMESPACE/NAME");
    }
}
