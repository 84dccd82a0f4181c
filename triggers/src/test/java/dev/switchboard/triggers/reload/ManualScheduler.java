package dev.switchboard.triggers.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time only moves when the test calls {@link #advance}. */
final class ManualScheduler implements Scheduler {

    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private final class Task implements ScheduledTask {
        final Duration due;
        final Runnable action;
        boolean cancelled;

        Task(Duration due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), action);
        tasks.add(task);
        return task;
    }

    /** Moves time forward, running every task that falls due, in due order. */
    void advance(Duration by) {
        Duration until = now.plus(by);
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> !t.cancelled && t.due.compareTo(until) <= 0)
                    .min(Comparator.comparing(t -> t.due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.action.run();
        }
        now = until;
    }
}
