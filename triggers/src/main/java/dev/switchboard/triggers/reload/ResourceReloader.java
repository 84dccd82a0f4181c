package dev.switchboard.triggers.reload;

import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.yaml.LoadResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads and validates the whole resource set and swaps it in atomically (docs/triggers.md "Hot reload"): a valid
 * change becomes the next {@link Generation}; an invalid one is rejected whole and the last good generation
 * keeps being served; content that loads to the same resources changes nothing.
 *
 * <p>Each resource keeps its {@code metadata.generation} while unchanged (see
 * {@link ResourceSet#withGenerationsFrom}). If a rejected change is reverted to the served content, the reload
 * is reported applied without a new generation, so {@code lastReload} stops showing stale errors.
 */
public final class ResourceReloader {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceReloader.class);

    private final Supplier<LoadResult> source;
    private final Clock clock;
    private final AtomicReference<Generation> current;
    private final AtomicReference<ReloadResult> lastResult = new AtomicReference<>();
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param initial the set validated at start-up, served as generation 1
     * @param source loads the whole set again, e.g. {@code () -> loader.load(paths, refs)}
     */
    public ResourceReloader(ResourceSet initial, Supplier<LoadResult> source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(new Generation(1, initial, clock.instant()));
    }

    /** The generation being served. */
    public Generation current() {
        return current.get();
    }

    /** The last applied or rejected reload, empty until the first. */
    public Optional<ReloadResult> lastResult() {
        return Optional.ofNullable(lastResult.get());
    }

    public void addListener(ReloadListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Loads the set now and applies or rejects it.
     *
     * @return the result, or empty when the content loads to the resources already served
     */
    public synchronized Optional<ReloadResult> reload() {
        LoadResult loaded = source.get();
        Generation served = current.get();
        if (loaded instanceof LoadResult.Valid valid) {
            ResourceSet next = valid.resources().withGenerationsFrom(served.resources());
            if (next.sameResourcesAs(served.resources())) {
                if (lastResult().map(ReloadResult::isApplied).orElse(true)) {
                    return Optional.empty();
                }
                return Optional.of(publish(ReloadResult.Outcome.APPLIED, served, loaded));
            }
            Generation applied = new Generation(served.number() + 1, next, clock.instant());
            LOG.info("resources reloaded: generation {} ({})", applied.number(), loaded.summary());
            return Optional.of(publish(ReloadResult.Outcome.APPLIED, applied, loaded));
        }
        LOG.warn(
                "resource change rejected, still serving generation {}: {}\n{}",
                served.number(),
                loaded.summary(),
                String.join(
                        "\n",
                        loaded.errors().stream().map(d -> "  " + d.render()).toList()));
        return Optional.of(publish(ReloadResult.Outcome.REJECTED, served, loaded));
    }

    /**
     * Records the result, then serves {@code served} (the result first, so whoever sees the new generation
     * also sees the result that made it), then tells the listeners.
     */
    private ReloadResult publish(ReloadResult.Outcome outcome, Generation served, LoadResult loaded) {
        ReloadResult result = new ReloadResult(outcome, clock.instant(), served.number(), loaded.diagnostics());
        lastResult.set(result);
        current.set(served);
        for (ReloadListener listener : listeners) {
            try {
                listener.onReload(result, served);
            } catch (RuntimeException e) {
                LOG.error("reload listener {} failed", listener, e);
            }
        }
        return result;
    }
}
