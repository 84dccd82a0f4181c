package dev.switchboard.broker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/delivery.md "Guarantee": an event answered 202 reaches every trigger it matched, even across a kill -9 of
 * Switchboard. A real Switchboard process (the fat jar, embedded Kafka in the same process, so Kafka dies with
 * it) takes a stream of events, is killed with SIGKILL mid-stream, restarted on the same data directory, and
 * takes the rest; every id it answered 202 must reach the subscriber. Duplicates are allowed and reported.
 */
class NoLossIT {
    private static final int TOTAL_ACCEPTED = 20_000;
    private static final int KILL_AFTER = 8_000;
    private static final int CONCURRENCY = 64;
    /** Triggers besides the one that takes every event: x1..x199, each matching one event. */
    private static final int EXTRA_TRIGGERS = 199;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rejected = new AtomicInteger();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void everyAcceptedEventReachesTheSubscriberAcrossAKill9() throws Exception {
        Subscriber subscriber = Subscriber.start(vertx).withLatency(event -> 1);
        // 200 triggers on the broker's shared reader: "noloss" takes every event, x1..x199 one event each
        Path resources = SwitchboardProcess.triggers(dir, "noloss", subscriber.uri(), EXTRA_TRIGGERS);
        Path data = dir.resolve("data");
        Path log = Path.of(System.getProperty("basedir", "."), "target", "noloss-switchboard.log");
        Files.deleteIfExists(log);

        SwitchboardProcess first = SwitchboardProcess.start(data, resources, log);
        int next = stream(first, 0, KILL_AFTER, true);
        long firstPid = first.pid();
        int acceptedBeforeRestart = accepted.size();

        SwitchboardProcess second = SwitchboardProcess.start(data, resources, log);
        stream(second, next, TOTAL_ACCEPTED, false);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> atRoot(subscriber).containsAll(accepted));
        Set<Map.Entry<String, String>> eachTriggersEvent = new HashSet<>();
        for (int i = 1; i <= EXTRA_TRIGGERS; i++) {
            if (accepted.contains("e-" + 10 * i)) {
                eachTriggersEvent.add(Map.entry("/x" + i, "e-" + 10 * i));
            }
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> subscriber.received().stream()
                        .map(r -> Map.entry(r.path(), r.id()))
                        .collect(Collectors.toSet())
                        .containsAll(eachTriggersEvent));
        int exit = second.terminate();

        Set<String> delivered = atRoot(subscriber);
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(delivered);
        int received = (int)
                subscriber.received().stream().filter(r -> r.path().equals("/")).count();
        int distinct = delivered.size();
        Set<String> deliveredNotAccepted = new HashSet<>(delivered);
        deliveredNotAccepted.removeAll(accepted);
        System.out.printf(
                "no-loss: killed pid %d after %d accepted; %d accepted in all, %d not accepted (refused or cut"
                        + " off); subscriber received %d requests for %d distinct ids: %d duplicates, %d missing,"
                        + " %d delivered though never answered 202%n",
                firstPid,
                acceptedBeforeRestart,
                accepted.size(),
                rejected.get(),
                received,
                distinct,
                received - distinct,
                missing.size(),
                deliveredNotAccepted.size());
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(TOTAL_ACCEPTED);
        assertThat(missing).isEmpty();
        assertThat(exit).isZero();
    }

    /** Ids the every-event trigger received (its subscriber path is the root). */
    private static Set<String> atRoot(Subscriber subscriber) {
        return subscriber.received().stream()
                .filter(r -> r.path().equals("/"))
                .map(Subscriber.Received::id)
                .collect(Collectors.toSet());
    }

    /**
     * Posts events with ids {@code e-from}, {@code e-(from+1)}... until {@code target} were accepted in all; with
     * {@code kill}, SIGKILLs the process at that point while requests are still in flight and keeps posting
     * a little longer into the dead port.
     *
     * @return the next unused id number
     */
    private int stream(SwitchboardProcess process, int from, int target, boolean kill) throws Exception {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        URI uri = process.ingress("/default/default");
        int id = from;
        int afterKill = 0;
        boolean killed = false;
        while (true) {
            if (accepted.size() >= target) {
                if (!kill) {
                    break;
                }
                if (!killed) {
                    process.kill();
                    killed = true;
                }
            }
            if (killed && ++afterKill > 200) {
                break;
            }
            inFlight.acquire();
            String eventId = "e-" + id++;
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", eventId)
                    .header("ce-source", "/noloss")
                    .header("ce-type", "test.noloss")
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + eventId + "\"}"))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 202) {
                    accepted.add(eventId);
                } else {
                    rejected.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(CONCURRENCY, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight after 60 s");
        }
        return id;
    }
}
