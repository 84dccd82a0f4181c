package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.broker.delivery.Settlement;
import dev.switchboard.broker.telemetry.LogFields;
import dev.switchboard.triggers.model.DeliveryOrder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trigger's deliveries between its cursor and the delivery stage (docs/delivery.md "Ordering", "Per-subscriber
 * limits", {@code paused}): at most {@code max-in-flight} at once, started no faster than {@code rate-limit},
 * none while paused, and with {@code delivery.order: ordered} one at a time per partition key in log order
 * while other keys flow. A delivery's settlement settles its offset ticket.
 *
 * <pre>
 *   offer ──▶ [lane busy?] ──yes──▶ wait behind its key ─┐
 *               │ no                                     │ (previous of the key settled)
 *               ▼                                        ▼
 *            ready ──[not paused, window open, token]──▶ in flight ──settled──▶ ticket.settle()
 *               ▲                                        │
 *               └───────── failed/abandoned: retry later ┘  (never settled: the offset is not committed)
 * </pre>
 *
 * <p>Everything but {@link #offer}, {@link #buffered} and the hand-offs runs on the window's own Vert.x
 * context, so its state needs no locks. {@link #buffered} counts events owed and not yet settled or dropped;
 * the cursor stops reading while it is at the read-ahead limit.
 */
final class DeliveryWindow {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWindow.class);
    private static final long RETRY_ABANDONED_MS = 1_000;

    private final Context context;
    private final EventDelivery delivery;
    private final LongSupplier nanoTime;
    private final AtomicInteger buffered = new AtomicInteger();
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    private final Map<Lane, ArrayDeque<Slot>> lanes = new HashMap<>();
    private TriggerBinding binding;
    private TokenBucket bucket;
    private int inFlight;
    private boolean timerSet;
    private boolean stopping;
    private Promise<Void> idle;

    DeliveryWindow(Context context, EventDelivery delivery, TriggerBinding binding, LongSupplier nanoTime) {
        this.context = context;
        this.delivery = delivery;
        this.nanoTime = nanoTime;
        this.binding = binding;
        this.bucket = bucketFor(binding);
    }

    /** Hands events over, from any thread; they count as buffered at once. */
    void offer(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        buffered.addAndGet(events.size());
        context.runOnContext(v -> events.forEach(this::enqueue));
    }

    /** Events handed over and not yet settled or dropped. */
    int buffered() {
        return buffered.get();
    }

    /** Applies a changed binding: the next deliveries use its target, limits, order and pause flag. */
    void update(TriggerBinding next) {
        context.runOnContext(v -> {
            boolean rateChanged =
                    !binding.options().rateLimit().equals(next.options().rateLimit());
            binding = next;
            if (rateChanged) {
                bucket = bucketFor(next);
            }
            pump();
        });
    }

    /**
     * Starts no more deliveries and drops what was not started (unsettled, so never committed); completes
     * when the deliveries in flight have ended.
     */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopping = true;
            drop(ready);
            lanes.values().forEach(this::drop);
            lanes.clear();
            idle = done;
            completeIfIdle();
        });
        return done.future();
    }

    private void enqueue(Pending pending) {
        if (stopping) {
            buffered.decrementAndGet();
            return;
        }
        Lane lane = null;
        if (binding.options().order() == DeliveryOrder.ORDERED) {
            lane = new Lane(pending.event().partition(), pending.key());
            ArrayDeque<Slot> behind = lanes.get(lane);
            if (behind != null) {
                behind.addLast(new Slot(pending, lane));
                return;
            }
            lanes.put(lane, new ArrayDeque<>());
        }
        ready.addLast(new Slot(pending, lane));
        pump();
    }

    private void pump() {
        while (!stopping && !binding.options().paused() && !ready.isEmpty()) {
            Slot slot = ready.peekFirst();
            if (!slot.pending().ticket().isLive()) {
                ready.pollFirst();
                finish(slot);
                continue;
            }
            if (inFlight >= binding.options().maxInFlight()) {
                return;
            }
            if (bucket != null) {
                long waitNanos = bucket.tryTake();
                if (waitNanos > 0) {
                    pumpLater(waitNanos);
                    return;
                }
            }
            ready.pollFirst();
            start(slot);
        }
    }

    private void start(Slot slot) {
        inFlight++;
        Future<Settlement> settled;
        try {
            settled = delivery.deliver(binding.target(), slot.pending().event());
        } catch (RuntimeException e) {
            settled = Future.failedFuture(e);
        }
        settled.onComplete(result -> context.runOnContext(v -> ended(slot, result)));
    }

    private void ended(Slot slot, AsyncResult<Settlement> result) {
        inFlight--;
        if (result.succeeded()) {
            slot.pending().ticket().settle();
            finish(slot);
        } else if (stopping || !slot.pending().ticket().isLive()) {
            finish(slot);
        } else {
            LOG.atWarn()
                    .addKeyValue(LogFields.TRIGGER, binding.id())
                    .addKeyValue(
                            LogFields.EVENT_ID, slot.pending().event().event().getId())
                    .log(
                            "delivery of {} for trigger {} was abandoned ({}); trying again in {} ms",
                            slot.pending().ticket(),
                            binding.id(),
                            result.cause().toString(),
                            RETRY_ABANDONED_MS);
            context.owner().setTimer(RETRY_ABANDONED_MS, id -> {
                if (stopping) {
                    finish(slot);
                } else {
                    ready.addFirst(slot);
                    pump();
                }
            });
        }
        completeIfIdle();
        pump();
    }

    /** The slot leaves the window: its key's next event (if any) becomes ready. */
    private void finish(Slot slot) {
        buffered.decrementAndGet();
        if (slot.lane() == null) {
            return;
        }
        ArrayDeque<Slot> behind = lanes.get(slot.lane());
        if (behind == null) {
            return;
        }
        Slot next = behind.pollFirst();
        if (next == null) {
            lanes.remove(slot.lane());
        } else {
            ready.addLast(next);
        }
    }

    private void drop(ArrayDeque<Slot> slots) {
        buffered.addAndGet(-slots.size());
        slots.clear();
    }

    private void pumpLater(long waitNanos) {
        if (timerSet) {
            return;
        }
        timerSet = true;
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
        context.owner().setTimer(delayMs, id -> {
            timerSet = false;
            pump();
        });
    }

    private void completeIfIdle() {
        if (idle != null && inFlight == 0) {
            idle.tryComplete();
        }
    }

    private TokenBucket bucketFor(TriggerBinding binding) {
        return binding.options().rateLimit().isPresent()
                ? new TokenBucket(binding.options().rateLimit().getAsDouble(), nanoTime)
                : null;
    }

    /** One partition key's stream within one partition. */
    private record Lane(int partition, String key) {}

    private record Slot(Pending pending, Lane lane) {}
}
