package dev.switchboard.broker.ingress;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests in flight across event loops; past the cap, new requests are turned away (429). */
final class InFlightLimiter {
    private final int max;
    private final AtomicInteger current = new AtomicInteger();

    InFlightLimiter(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int now = current.get();
            if (now >= max) {
                return false;
            }
            if (current.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        current.decrementAndGet();
    }

    int inFlight() {
        return current.get();
    }
}
