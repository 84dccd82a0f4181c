package dev.switchboard.triggers.reload;

import java.time.Duration;

/** Runs a task after a delay; the seam that lets debounce tests move time by hand. */
public interface Scheduler {

    ScheduledTask schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface ScheduledTask {
        /** Prevents the task from running if it has not started. */
        void cancel();
    }
}
