package dev.switchboard.triggers.reload;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs an action once a burst of signals has been quiet for a given period: each signal pushes the run back,
 * so an editor's several writes of one save cause one reload.
 */
public final class Debouncer {

    private final Duration quietPeriod;
    private final Scheduler scheduler;
    private final Runnable action;
    private Scheduler.ScheduledTask pending;
    private long signals;

    public Debouncer(Duration quietPeriod, Scheduler scheduler, Runnable action) {
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quiet period must not be negative: " + quietPeriod);
        }
        this.quietPeriod = quietPeriod;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Something changed: run the action after the quiet period, unless another signal comes first. */
    public synchronized void signal() {
        if (pending != null) {
            pending.cancel();
        }
        long signal = ++signals;
        pending = scheduler.schedule(quietPeriod, () -> fire(signal));
    }

    /** True while a run is scheduled and has not started. */
    public synchronized boolean isPending() {
        return pending != null;
    }

    private void fire(long signal) {
        synchronized (this) {
            if (signal == signals) {
                pending = null;
            }
        }
        action.run();
    }
}
