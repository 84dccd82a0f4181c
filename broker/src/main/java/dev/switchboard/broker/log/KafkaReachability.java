package dev.switchboard.broker.log;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka answers right now, for readiness (docs/operations.md): probes the cluster with {@code describeCluster}
 * on its own thread every {@code interval}, so a health check never waits on Kafka. When it does not answer,
 * {@link #problem()} names why (docs/configuration.md: authentication failed, TLS handshake failed, ...).
 */
public final class KafkaReachability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private final Admin admin;
    private final Duration timeout;
    private final ScheduledExecutorService probe;
    private volatile boolean reachable;
    private volatile String problem = "not probed yet";

    public KafkaReachability(Admin admin, Duration interval, Duration timeout, boolean initiallyReachable) {
        this.admin = admin;
        this.timeout = timeout;
        this.reachable = initiallyReachable;
        this.probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-kafka-probe");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Checks once, at startup, that Kafka answers {@code describeCluster} within {@code bound}; a refused
     * credential or certificate fails at once rather than at the bound.
     *
     * @throws KafkaAccessException naming the cause when it does not
     */
    public static void verify(Admin admin, String bootstrapServers, Duration bound) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) bound.toMillis()))
                    .nodes()
                    .get(bound.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAccessException("interrupted while reaching Kafka at " + bootstrapServers);
        } catch (Exception e) {
            throw new KafkaAccessException("Kafka at " + bootstrapServers + ": " + KafkaFailures.describe(e));
        }
    }

    public boolean reachable() {
        return reachable;
    }

    /** Why the last probe failed ({@code "ok"} when it passed); never a credential. */
    public String problem() {
        return reachable ? "ok" : problem;
    }

    private void check() {
        boolean now;
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            now = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            problem = KafkaFailures.describe(e);
            now = false;
        }
        if (now != reachable) {
            if (now) {
                LOG.warn("Kafka is reachable again");
            } else {
                LOG.warn("Kafka is not reachable: {}", problem);
            }
        }
        reachable = now;
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
