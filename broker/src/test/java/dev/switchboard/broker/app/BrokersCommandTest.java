package dev.switchboard.broker.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.broker.ops.OpsFixture;
import dev.switchboard.broker.ops.TriggerControl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code switchboard brokers} (docs/cli.md) against a real ops server: the kn-style table, -n, JSON. */
class BrokersCommandTest {
    private OpsFixture ops;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        ops = new OpsFixture(TriggerControl.unavailable("none"));
        ops.ingress("team", "default", 202, 7);
        ops.ingress("team", "default", 400, 1);
    }

    @AfterEach
    void stop() throws Exception {
        ops.close();
    }

    private int run(String... args) {
        Clock clock = Clock.fixed(ops.reloader.current().appliedAt().plusSeconds(200), ZoneOffset.UTC);
        return Main.execute(args, Map.of(), clock, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsATableLikeKnBrokerList() {
        int exit = run("brokers", "--ops", ops.url(""));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                NAMESPACE   NAME      URL                                  AGE     CONDITIONS   READY   REASON   ACCEPTED   REJECTED
                team        default   http://127.0.0.1:8080/team/default   3m20s   4 OK / 4     True             7          1
                """);
    }

    @Test
    void showsTheReasonWhenTheBrokerIsNotReady() {
        ops.kafkaReachable.set(false);

        assertThat(run("brokers", "--ops", ops.url(""), "-n", "team")).isZero();

        assertThat(out.toString()).isEqualTo("""
                NAME      URL                                  AGE     CONDITIONS   READY   REASON            ACCEPTED   REJECTED
                default   http://127.0.0.1:8080/team/default   3m20s   2 OK / 4     False   IngressNotReady   7          1
                """);
    }

    @Test
    void namespaceOptionFiltersEveryFormat() throws Exception {
        assertThat(run("brokers", "--ops", ops.url(""), "-n", "elsewhere")).isZero();
        assertThat(out.toString()).isEqualTo("No brokers found in namespace elsewhere.\n");

        out.getBuffer().setLength(0);
        assertThat(run("brokers", "--ops", ops.url(""), "-n", "team", "-o", "json"))
                .isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("items")).hasSize(1);
    }
}
