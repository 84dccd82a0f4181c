package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One event on its way to one trigger: the Vert.x context its steps run on, its waits (timers, never
 * sleeps), and the settlement its caller holds. Abandoning it cancels the pending wait and fails the
 * settlement with {@link DeliveryAbandonedException}; steps still in flight then stop at their next check.
 *
 * <p>Every method but {@link #abandon} is called on the run's context; {@code abandon} may come from any
 * thread and hops onto the context.
 */
final class DeliveryRun {
    private final ResourceId trigger;
    private final Context context;
    private final Promise<Settlement> settlement = Promise.promise();
    private volatile boolean abandoned;
    private long pendingTimer = -1;
    private Promise<Void> pendingWait;

    DeliveryRun(ResourceId trigger, Context context) {
        this.trigger = trigger;
        this.context = context;
    }

    ResourceId trigger() {
        return trigger;
    }

    /**
     * Runs {@code steps} on the run's context and settles with their outcome; returns the settlement. Called on
     * that context (the trigger's window starts its deliveries there), the steps start at once rather than after
     * a hop through the context's task queue.
     */
    Future<Settlement> start(Supplier<Future<Settlement>> steps) {
        if (Vertx.currentContext() == context) {
            run(steps);
        } else {
            context.runOnContext(ignored -> run(steps));
        }
        return settlement.future();
    }

    private void run(Supplier<Future<Settlement>> steps) {
        Future<Settlement> outcome;
        try {
            outcome = abandoned ? Future.failedFuture(abandonment()) : steps.get();
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(settled -> {
            if (settled.succeeded() && !abandoned) {
                settlement.tryComplete(settled.result());
            } else {
                settlement.tryFail(abandoned ? abandonment() : settled.cause());
            }
        });
    }

    /** A future that succeeds after {@code wait}, or fails at once if the run is abandoned meanwhile. */
    Future<Void> after(Duration wait) {
        if (abandoned) {
            return Future.failedFuture(abandonment());
        }
        Promise<Void> waited = Promise.promise();
        pendingWait = waited;
        pendingTimer = context.owner().setTimer(Math.max(1, wait.toMillis()), id -> {
            pendingTimer = -1;
            pendingWait = null;
            waited.tryComplete();
        });
        return waited.future();
    }

    /** A future failed with the abandonment when the run is abandoned, else {@code next}. */
    <T> Future<T> unlessAbandoned(Supplier<Future<T>> next) {
        return abandoned ? Future.failedFuture(abandonment()) : next.get();
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** Stops the run: no further attempt or write starts, and the settlement fails. */
    void abandon() {
        abandoned = true;
        context.runOnContext(ignored -> {
            if (pendingTimer >= 0) {
                context.owner().cancelTimer(pendingTimer);
                pendingTimer = -1;
            }
            if (pendingWait != null) {
                pendingWait.tryFail(abandonment());
                pendingWait = null;
            }
            settlement.tryFail(abandonment());
        });
    }

    private DeliveryAbandonedException abandonment() {
        return new DeliveryAbandonedException("delivery for trigger " + trigger + " was abandoned before it settled");
    }
}
