package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.reload.Generation;
import dev.switchboard.triggers.reload.ReloadResult;
import dev.switchboard.triggers.reload.ResourceReloader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the ops API reads about the served configuration: the current generation (number and resource set)
 * and the last reload's result (docs/operations.md {@code /api/v1/status}).
 *
 * @param current the generation being served
 * @param lastReload the last applied or rejected reload, empty until the first
 */
public record ConfigStatus(Supplier<Generation> current, Supplier<Optional<ReloadResult>> lastReload) {

    public ConfigStatus {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(lastReload, "lastReload");
    }

    /** Reads a live reloader. */
    public static ConfigStatus of(ResourceReloader reloader) {
        return new ConfigStatus(reloader::current, reloader::lastResult);
    }

    public ResourceSet resources() {
        return current.get().resources();
    }
}
