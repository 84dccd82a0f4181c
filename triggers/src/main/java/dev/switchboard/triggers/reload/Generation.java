package dev.switchboard.triggers.reload;

import dev.switchboard.triggers.model.ResourceSet;
import java.time.Instant;
import java.util.Objects;

/**
 * One applied resource set: the config generation (1 at start, +1 for each applied change), the set, and when
 * it was applied.
 */
public record Generation(long number, ResourceSet resources, Instant appliedAt) {

    public Generation {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(appliedAt, "appliedAt");
        if (number < 1) {
            throw new IllegalArgumentException("generation numbers start at 1, got " + number);
        }
    }
}
