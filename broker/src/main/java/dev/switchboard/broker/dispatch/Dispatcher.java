package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.ResourceSet;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cursor per Ready trigger and keeps that set equal to the served resources (docs/architecture.md
 * principles 4 and 7). Each {@link #apply} reconciles by diff: added triggers are positioned and started, changed ones
 * are updated live (or moved to a new cursor when their broker changed), removed ones stop with a bounded
 * drain; unchanged triggers are not touched and keep delivering.
 *
 * <pre>
 *   apply(set) ─▶ diff(running, Ready bindings of set)
 *                   ├─ added   ─▶ wait for a stopping cursor of the same trigger ─▶ open (positioned) ─▶ running
 *                   ├─ changed ─▶ same group and topic ? cursor.update(binding) : stop old, open new
 *                   └─ removed ─▶ cursor.stop(drain) in the background (in-flight end or are redelivered)
 *   drainAndStop(d) ─▶ every cursor stops within d: deliveries end, settled offsets committed, groups left
 * </pre>
 *
 * <p>Thread-safe: {@link #apply} runs on the loading thread at startup and on the reload thread afterwards.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long STOP_MARGIN_MS = 15_000;

    private final CursorFactory cursors;
    private final Duration removalDrain;
    private final java.util.function.Consumer<ResourceId> released;
    private final Map<ResourceId, Running> running = new LinkedHashMap<>();
    private final Map<ResourceId, Future<Void>> stopping = new HashMap<>();
    private volatile boolean positioned;
    /** The triggers dispatching as of the last completed {@link #apply}: read without the lock by the ops API. */
    private volatile Set<ResourceId> dispatching = Set.of();

    private boolean stopped;

    /**
     * @param cursors opens a trigger's cursor
     * @param removalDrain how long a removed trigger's in-flight deliveries may take to end
     * @param released told when a removed trigger's cursor stopped, so the delivery stage abandons what is still
     *     in flight for it (never committed past: delivered again if the trigger comes back)
     */
    public Dispatcher(CursorFactory cursors, Duration removalDrain, java.util.function.Consumer<ResourceId> released) {
        this.cursors = cursors;
        this.removalDrain = removalDrain;
        this.released = released;
    }

    /**
     * Reconciles the running cursors with {@code resources}. The first call blocks until every Ready trigger
     * is positioned, so readiness may be reported after it (docs/delivery.md "New trigger").
     *
     * @throws IllegalStateException when a trigger of the first call cannot be positioned
     */
    public synchronized void apply(ResourceSet resources) {
        if (stopped) {
            return;
        }
        TriggerDiff diff = TriggerDiff.between(bindings(), TriggerBindings.of(resources));
        diff.removed().forEach(this::stopInBackground);
        for (TriggerBinding binding : diff.changed()) {
            Running current = running.get(binding.id());
            if (binding.movesCursor(current.binding())) {
                stopInBackground(binding.id());
                open(binding);
            } else {
                current.cursor().update(binding);
                running.put(binding.id(), new Running(binding, current.cursor()));
                LOG.atInfo()
                        .addKeyValue(LogFields.TRIGGER, binding.id())
                        .log("trigger {} updated in place", binding.id());
            }
        }
        openAll(diff.added());
        dispatching = Set.copyOf(running.keySet());
        positioned = true;
        if (!diff.isEmpty()) {
            LOG.info(
                    "dispatch reconciled: {} added, {} changed, {} removed; {} trigger(s) dispatching",
                    diff.added().size(),
                    diff.changed().size(),
                    diff.removed().size(),
                    running.size());
        }
    }

    /** True once the first {@link #apply} positioned every Ready trigger it was given. */
    public boolean positioned() {
        return positioned;
    }

    /**
     * The triggers with a running, positioned cursor as of the last completed {@link #apply}: a trigger added by an
     * apply still running is not among them yet. Never waits for an apply in progress.
     */
    public Set<ResourceId> dispatching() {
        return dispatching;
    }

    /**
     * Re-delivers a trigger's stored events accepted at or after {@code from}, to that trigger only (docs/cli.md
     * {@code replay}).
     *
     * @return the number of partitions re-positioned; fails with {@link UnknownTriggerException} when the
     *     trigger is not dispatching here
     */
    public synchronized Future<Integer> replay(ResourceId trigger, Instant from) {
        Running current = running.get(trigger);
        if (current == null) {
            return Future.failedFuture(new UnknownTriggerException(trigger));
        }
        return current.cursor().replay(from);
    }

    /**
     * Sends a trigger's parked dead letters back to its subscriber (docs/cli.md {@code redrive}).
     *
     * @return the number of parked events being sent back; fails with {@link UnknownTriggerException} when the
     *     trigger is not dispatching here
     */
    public synchronized Future<Integer> redrive(ResourceId trigger) {
        Running current = running.get(trigger);
        if (current == null) {
            return Future.failedFuture(new UnknownTriggerException(trigger));
        }
        return current.cursor().redrive(current.binding());
    }

    /**
     * Stops every cursor: no more reading, deliveries in flight get up to {@code drain} to end, what settled
     * is committed, and each consumer leaves its group (docs/cli.md "clean drain on SIGTERM").
     */
    public void drainAndStop(Duration drain) {
        List<Future<Void>> all;
        synchronized (this) {
            stopped = true;
            dispatching = Set.of();
            all = new ArrayList<>(stopping.values());
            running.values().forEach(r -> all.add(r.cursor().stop(drain)));
            running.clear();
            stopping.clear();
        }
        try {
            Future.join(all).await(drain.toMillis() + STOP_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("dispatch did not stop cleanly: {}", e.toString());
        }
        cursors.close();
    }

    @Override
    public void close() {
        drainAndStop(Duration.ZERO);
    }

    private Map<ResourceId, TriggerBinding> bindings() {
        Map<ResourceId, TriggerBinding> bindings = new LinkedHashMap<>();
        running.forEach((id, r) -> bindings.put(id, r.binding()));
        return bindings;
    }

    /** Opens the added triggers together (positioned in a few batched calls); one by one if that fails. */
    private void openAll(List<TriggerBinding> added) {
        if (added.size() <= 1) {
            added.forEach(this::open);
            return;
        }
        added.forEach(binding -> awaitStopped(binding.id()));
        Map<ResourceId, TriggerCursor> opened;
        try {
            opened = cursors.openAll(added);
        } catch (RuntimeException e) {
            if (!positioned) {
                throw e;
            }
            LOG.warn("opening {} triggers together failed ({}); opening them one by one", added.size(), e.toString());
            added.forEach(this::open);
            return;
        }
        added.forEach(binding -> running.put(binding.id(), new Running(binding, opened.get(binding.id()))));
    }

    private void open(TriggerBinding binding) {
        awaitStopped(binding.id());
        try {
            running.put(binding.id(), new Running(binding, cursors.open(binding)));
            LOG.debug("trigger {} dispatching from group {}", binding.id(), binding.groupId());
        } catch (RuntimeException e) {
            if (!positioned) {
                throw e;
            }
            LOG.atError()
                    .addKeyValue(LogFields.TRIGGER, binding.id())
                    .setCause(e)
                    .log("trigger {} cannot dispatch: {}", binding.id(), e.getMessage());
        }
    }

    private void stopInBackground(ResourceId id) {
        Running removed = running.remove(id);
        if (removed != null) {
            LOG.atInfo().addKeyValue(LogFields.TRIGGER, id).log("trigger {} stops dispatching", id);
            stopping.values().removeIf(Future::isComplete);
            stopping.put(id, removed.cursor().stop(removalDrain).andThen(stopped -> released.accept(id)));
        }
    }

    /** A trigger re-added while its old cursor still drains waits for it: one member per process and group. */
    private void awaitStopped(ResourceId id) {
        Future<Void> previous = stopping.remove(id);
        if (previous == null) {
            return;
        }
        try {
            previous.await(removalDrain.toMillis() + STOP_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("previous cursor of {} did not stop in time: {}", id, e.toString());
        }
    }

    private record Running(TriggerBinding binding, TriggerCursor cursor) {}
}
