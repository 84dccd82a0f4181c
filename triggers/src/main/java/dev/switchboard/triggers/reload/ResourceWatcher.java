package dev.switchboard.triggers.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.switchboard.triggers.yaml.ResourceFiles;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the resource paths with a {@link WatchService} and calls {@code onChange} for every relevant event:
 * a configured folder is watched itself (its {@code *.yaml}/{@code *.yml} entries, not recursively, like the
 * loader); a configured file is watched through its parent folder, so that editors that save by writing a new
 * file and renaming it over the old one are seen, as is the file's deletion.
 *
 * <p>A Kubernetes ConfigMap or Secret volume is updated without touching the visible files: they are symlinks
 * through {@code ..data}, and the kubelet's atomic writer renames a new {@code ..data} symlink over the old one.
 * So in every watched folder a change of {@code ..data} is relevant too (reproduced by
 * {@code ConfigMapVolumeSwapTest}; see deploy/kubernetes and docs/operations.md "Kubernetes").
 *
 * <p>A configured folder that is deleted is no longer watched (the loader then reports it missing on the next
 * reload triggered by another path).
 */
public final class ResourceWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceWatcher.class);

    private final WatchService service;
    private final Map<WatchKey, Watched> watched = new HashMap<>();
    private final Runnable onChange;
    private final Thread thread;

    /** The symlink the kubelet's atomic writer swaps when a ConfigMap or Secret volume changes. */
    private static final Path ATOMIC_WRITER_DATA = Path.of("..data");

    private record Watched(Path folder, List<Predicate<Path>> relevant) {
        boolean concerns(Path child) {
            return ATOMIC_WRITER_DATA.equals(child) || relevant.stream().anyMatch(p -> p.test(child));
        }
    }

    /**
     * Registers the watches and starts the watching thread.
     *
     * @throws IOException when the platform cannot watch or a folder cannot be registered
     */
    public ResourceWatcher(List<Path> paths, Runnable onChange) throws IOException {
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        Map<Path, List<Predicate<Path>>> byFolder = new HashMap<>();
        for (Path configured : paths) {
            Path path = configured.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                byFolder.computeIfAbsent(path, f -> new ArrayList<>()).add(ResourceFiles::hasResourceName);
            } else {
                Path name = path.getFileName();
                byFolder.computeIfAbsent(path.getParent(), f -> new ArrayList<>())
                        .add(name::equals);
            }
        }
        for (Map.Entry<Path, List<Predicate<Path>>> entry : byFolder.entrySet()) {
            if (!Files.isDirectory(entry.getKey())) {
                LOG.warn("cannot watch {}: not a folder", entry.getKey());
                continue;
            }
            WatchKey key = entry.getKey().register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            watched.put(key, new Watched(entry.getKey(), List.copyOf(entry.getValue())));
        }
        thread = new Thread(this::watch, "switchboard-resource-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = service.take();
                Watched folder = watched.get(key);
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == OVERFLOW || (folder != null && folder.concerns((Path) event.context()));
                }
                if (!key.reset() && folder != null) {
                    LOG.warn("stopped watching {}: it is gone", folder.folder());
                    relevant = true;
                }
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop watching
        }
    }

    /** Stops watching and waits for the watching thread to end. */
    @Override
    public void close() throws IOException {
        service.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
