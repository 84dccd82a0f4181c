package dev.switchboard.loadtest.chaos;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Every event answered 202 during the chaos soak: its type and when the answer came (milliseconds since the
 * soak's start), so a trigger added mid-run owes only what was accepted after it became Ready. Safe from any
 * thread.
 */
public final class ChaosLedger {
    /** One accepted event. */
    public record Entry(String type, long acceptedAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void accepted(String id, String type, long atMillis) {
        entries.put(id, new Entry(type, atMillis));
    }

    public int size() {
        return entries.size();
    }

    public void forEach(BiConsumer<String, Entry> action) {
        entries.forEach(action);
    }
}
