package dev.switchboard.triggers.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link WatchedResources} over real paths with a real WatchService and scheduler, counting the reloads it
 * runs, and closed after each test: {@code @RegisterExtension final RealWatcher watcher = new RealWatcher();}.
 */
final class RealWatcher implements AfterEachCallback {
    private final ResourceLoader loader = new ResourceLoader();
    private final AtomicInteger loads = new AtomicInteger();
    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-reload");
    private WatchedResources watched;

    /** Loads {@code paths} (which must be valid) and watches them, reloading after {@code quiet}. */
    void start(List<Path> paths, Duration quiet) throws IOException {
        start(WatchedPaths.required(paths), quiet);
    }

    /** Loads the present {@code paths} (which must be valid), watches them all, reloading after {@code quiet}. */
    void start(WatchedPaths paths, Duration quiet) throws IOException {
        LoadResult initial = loader.load(paths.present(), List.of());
        assertThat(initial).isInstanceOf(LoadResult.Valid.class);
        ResourceReloader reloader = new ResourceReloader(
                ((LoadResult.Valid) initial).resources(),
                () -> {
                    loads.incrementAndGet();
                    return loader.load(paths.present(), List.of());
                },
                Clock.systemUTC());
        watched = new WatchedResources(paths.all(), reloader, quiet, scheduler, () -> {});
    }

    WatchedResources watched() {
        return watched;
    }

    ResourceReloader reloader() {
        return watched.reloader();
    }

    /** How many reloads ran since {@link #start}. */
    int loads() {
        return loads.get();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (watched != null) {
            watched.close();
        }
        scheduler.close();
    }
}
