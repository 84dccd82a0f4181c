package dev.switchboard.broker.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Computes the ops answers that cost more than reading a flag (the resource views, the Prometheus scrape) on a
 * small worker pool, never on an event loop, so a slow answer delays neither the ops listener's other requests
 * ({@code /livez}, {@code /readyz}) nor anything else. The work is bounded: at most {@code threads} answers are
 * computed at once and at most {@code maxPending} wait or run; past that a request is answered 503 with
 * {@code Retry-After: 1} instead of piling up (a burst of scrapes or a polling status page left open in many tabs).
 */
final class OffLoopAnswers {
    /** The worker threads are named {@code switchboard-ops-N}. */
    static final String POOL_NAME = "switchboard-ops";

    private final WorkerExecutor workers;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    OffLoopAnswers(Vertx vertx, int threads, int maxPending) {
        this.workers = vertx.createSharedWorkerExecutor(POOL_NAME, threads);
        this.maxPending = maxPending;
    }

    /** Computes {@code work} on a worker, then {@code send}s its result from the request's event loop. */
    <T> void answer(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> send) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            ctx.response()
                    .setStatusCode(503)
                    .putHeader("Retry-After", "1")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("the ops server is busy; retry in a second");
            return;
        }
        workers.executeBlocking(work, false).onComplete(done -> {
            pending.decrementAndGet();
            if (done.succeeded()) {
                send.accept(ctx, done.result());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    Future<Void> close() {
        return workers.close();
    }
}
