package dev.switchboard.loadtest.chaos;

import java.util.List;

/**
 * What one trigger owed and how each owed event was settled, as seen from outside: {@code owed} accepted events
 * it matched (for a trigger added mid-run, only those accepted after it was Ready everywhere); of those, how many
 * reached its subscriber, its dead-letter sink, the dead-letter topic, and none of them ({@code missing}, with up
 * to five of their ids); {@code duplicates} = deliveries to the subscriber beyond the first of an id.
 */
public record TriggerAccount(
        String trigger,
        long owed,
        long delivered,
        long toSink,
        long parked,
        long missing,
        long duplicates,
        List<String> someMissing) {
    public TriggerAccount {
        someMissing = List.copyOf(someMissing);
    }
}
