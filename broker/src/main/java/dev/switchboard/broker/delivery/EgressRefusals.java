package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last egress refusal of each trigger (docs/security.md "Refusals are visible as a trigger condition"), for the ops
 * stage to show as a condition: recorded when the guard refuses a subscriber or dead-letter sink, forgotten when
 * the trigger's subscriber takes an event again or the trigger is released. Thread-safe.
 */
public final class EgressRefusals {
    /** One refusal: which URL, why (address and rule), and when. */
    public record Refusal(URI url, String reason, Instant at) {}

    private final Clock clock;
    private final Map<ResourceId, Refusal> last = new ConcurrentHashMap<>();

    public EgressRefusals(Clock clock) {
        this.clock = clock;
    }

    /** Records that a delivery of {@code trigger} to {@code url} was refused by the egress guard. */
    public void record(ResourceId trigger, URI url, String reason) {
        last.put(trigger, new Refusal(url, reason, clock.instant()));
    }

    void clear(ResourceId trigger) {
        last.remove(trigger);
    }

    /** The trigger's last refusal, if its deliveries are being refused. */
    public Optional<Refusal> of(ResourceId trigger) {
        return Optional.ofNullable(last.get(trigger));
    }

    /** Every trigger with a standing refusal. */
    public Map<ResourceId, Refusal> all() {
        return Map.copyOf(last);
    }
}
