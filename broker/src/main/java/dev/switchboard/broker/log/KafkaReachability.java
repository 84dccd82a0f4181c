package dev.switchboard.broker.log;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka answers right now, for readiness (docs/operations.md): probes the cluster with {@code describeCluster}
 * on its own thread every {@code interval}, so a health check never waits on Kafka.
 */
public final class KafkaReachability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private final Admin admin;
    private final Duration timeout;
    private final ScheduledExecutorService probe;
    private volatile boolean reachable;

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

    public boolean reachable() {
        return reachable;
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
            now = false;
        }
        if (now != reachable) {
            LOG.warn(now ? "Kafka is reachable again" : "Kafka is not reachable");
        }
        reachable = now;
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
