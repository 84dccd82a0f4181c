package dev.switchboard.triggers.reload;

import dev.switchboard.triggers.model.EgressAuthCatalog;
import dev.switchboard.triggers.model.RefMapping;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload assembled: a {@link ResourceWatcher} signals a {@link Debouncer}, which after the quiet period has
 * the {@link ResourceReloader} reload the whole set on the scheduler's thread. This is what the server starts.
 */
public final class WatchedResources implements AutoCloseable {

    /** The quiet period used when none is configured: long enough for an editor's save burst. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(WatchedResources.class);

    private final ResourceReloader reloader;
    private final Debouncer debouncer;
    private final ResourceWatcher watcher;
    private final Runnable onClose;

    /**
     * Wires given parts (tests pass their own reloader and scheduler).
     *
     * @param onClose run after the watcher stops, e.g. closing a scheduler made for this object
     */
    public WatchedResources(
            List<Path> paths, ResourceReloader reloader, Duration quietPeriod, Scheduler scheduler, Runnable onClose)
            throws IOException {
        this.reloader = reloader;
        this.onClose = onClose;
        this.debouncer = new Debouncer(quietPeriod, scheduler, this::reloadQuietly);
        this.watcher = new ResourceWatcher(paths, debouncer::signal);
    }

    /**
     * Watches {@code paths}, serving {@code initial} (the set validated at start-up) as generation 1; every
     * reload loads the paths present at that moment ({@link WatchedPaths#present()}).
     *
     * @param refs the server config's {@code refs}, passed to every reload
     */
    public static WatchedResources start(
            WatchedPaths paths, List<RefMapping> refs, ResourceSet initial, Duration quietPeriod, Clock clock)
            throws IOException {
        return start(paths, refs, EgressAuthCatalog.UNCHECKED, initial, quietPeriod, clock);
    }

    /** As above, reloading with the server's {@code egressAuth} entries checked (docs/security.md). */
    public static WatchedResources start(
            WatchedPaths paths,
            List<RefMapping> refs,
            EgressAuthCatalog credentials,
            ResourceSet initial,
            Duration quietPeriod,
            Clock clock)
            throws IOException {
        ResourceLoader loader = new ResourceLoader(credentials);
        List<RefMapping> mappings = List.copyOf(refs);
        ResourceReloader reloader = new ResourceReloader(initial, () -> loader.load(paths.present(), mappings), clock);
        ExecutorScheduler scheduler = new ExecutorScheduler("switchboard-resource-reload");
        try {
            return new WatchedResources(paths.all(), reloader, quietPeriod, scheduler, scheduler::close);
        } catch (IOException | RuntimeException e) {
            scheduler.close();
            throw e;
        }
    }

    public ResourceReloader reloader() {
        return reloader;
    }

    /** True while a change has been seen and its reload is waiting for the quiet period. */
    public boolean isReloadPending() {
        return debouncer.isPending();
    }

    private void reloadQuietly() {
        try {
            reloader.reload();
        } catch (RuntimeException e) {
            LOG.error("resource reload failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            watcher.close();
        } finally {
            onClose.run();
        }
    }
}
