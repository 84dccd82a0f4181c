package dev.switchboard.broker.dispatch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * A ledger stream over several ingresses, as a client behind a load balancer sees them: event {@code n} (id
 * {@code e-n}, partition key {@code keyOf(n)}) goes to the ingresses in turn; a non-202 answer or a connection
 * error is retried on the next ingress that is not marked down, without recording. Only ids answered 202 enter
 * the ledger ({@link #accepted}). Runs on its own thread until {@link #stop}.
 */
final class FailoverProducer {
    private static final int MAX_ATTEMPTS = 40;

    private final List<URI> ingresses;
    private final IntFunction<String> keyOf;
    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Semaphore inFlight;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray acceptedBy;
    private final Set<Integer> down = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private FailoverProducer(List<URI> ingresses, IntFunction<String> keyOf, int concurrency) {
        this.ingresses = List.copyOf(ingresses);
        this.keyOf = keyOf;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.acceptedBy = new AtomicLongArray(ingresses.size());
        this.thread = new Thread(this::run, "failover-producer");
    }

    /** Starts streaming to {@code ingresses} with at most {@code concurrency} requests in flight. */
    static FailoverProducer start(List<URI> ingresses, IntFunction<String> keyOf, int concurrency) {
        FailoverProducer producer = new FailoverProducer(ingresses, keyOf, concurrency);
        producer.thread.start();
        return producer;
    }

    /** Sends no new request to ingress {@code index} (its process was killed); retries go elsewhere. */
    void markDown(int index) {
        down.add(index);
    }

    /** Stops issuing new events and waits until every request in flight has its final answer. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (!inFlight.tryAcquire(concurrency, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 120 s after the stream stopped");
        }
    }

    /** The ids answered 202. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** How many events were accepted by ingress {@code index}. */
    long acceptedBy(int index) {
        return acceptedBy.get(index);
    }

    /** The number of the next event to be issued: every event from here on is posted after this call. */
    int issued() {
        return issued.get();
    }

    /** Answers other than 202 (and connection errors) that were retried on another ingress. */
    int retried() {
        return retried.get();
    }

    /** Events given up after {@value #MAX_ATTEMPTS} attempts (never recorded). */
    int abandoned() {
        return abandoned.get();
    }

    private void run() {
        while (running.get()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int n = issued.getAndIncrement();
            send(n, 0);
        }
    }

    private void send(int n, int attempt) {
        int target = target(n + attempt);
        if (target < 0) {
            abandoned.incrementAndGet();
            inFlight.release();
            return;
        }
        String id = "e-" + n;
        HttpRequest request = HttpRequest.newBuilder(ingresses.get(target))
                .timeout(Duration.ofSeconds(15))
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/scaleout")
                .header("ce-type", "test.scaleout")
                .header("ce-partitionkey", keyOf.apply(n))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + "}"))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 202) {
                accepted.add(id);
                acceptedBy.incrementAndGet(target);
                inFlight.release();
            } else if (attempt + 1 >= MAX_ATTEMPTS) {
                abandoned.incrementAndGet();
                inFlight.release();
            } else {
                retried.incrementAndGet();
                retryLater(attempt).execute(() -> send(n, attempt + 1));
            }
        });
    }

    /** The first retry goes at once to the other ingress; later ones back off a little (both may be busy). */
    private static Executor retryLater(int attempt) {
        long delayMs = attempt == 0 ? 0 : Math.min(1_000, 50L * attempt);
        return CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS);
    }

    /** The ingress for turn {@code turn}, skipping ingresses marked down; -1 when all are down. */
    private int target(int turn) {
        for (int i = 0; i < ingresses.size(); i++) {
            int candidate = Math.floorMod(turn + i, ingresses.size());
            if (!down.contains(candidate)) {
                return candidate;
            }
        }
        return -1;
    }
}
