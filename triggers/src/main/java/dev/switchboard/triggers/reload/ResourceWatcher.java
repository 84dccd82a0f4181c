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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the resource paths with a {@link WatchService} and calls {@code onChange} for every relevant event
 * (docs/triggers.md "Hot reload"):
 *
 * <ul>
 *   <li>a configured folder is watched itself (its {@code *.yaml}/{@code *.yml} entries, not recursively, like
 *       the loader);
 *   <li>a configured file is watched through its parent folder, so that editors that save by writing a new file
 *       and renaming it over the old one are seen, as is the file's deletion;
 *   <li>a configured path that does not exist yet (the README tour's {@code switchboard.d/}, created after the
 *       server started) is watched through its nearest existing ancestor, for the next name on the way to it.
 *       When that name appears the watches are re-armed one level deeper, and once the path itself exists it is
 *       watched as a folder or file. A folder that is deleted falls back the same way, so recreating it works.
 * </ul>
 *
 * <p>After every relevant event the watches are re-armed first, then {@code onChange} runs: a folder created
 * with files already in it (a {@code mv} into place) is therefore loaded by the reload that follows.
 *
 * <p>A Kubernetes ConfigMap or Secret volume is updated without touching the visible files: they are symlinks
 * through {@code ..data}, and the kubelet's atomic writer renames a new {@code ..data} symlink over the old one.
 * So in every watched folder a change of {@code ..data} is relevant too (reproduced by
 * {@code ConfigMapVolumeSwapTest}; see deploy/kubernetes and docs/operations.md "Kubernetes").
 */
public final class ResourceWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceWatcher.class);

    /** The symlink the kubelet's atomic writer swaps when a ConfigMap or Secret volume changes. */
    private static final Path ATOMIC_WRITER_DATA = Path.of("..data");

    /** How often {@link #arm} tries again while folders vanish and appear under it. */
    private static final int MAX_ARM_ATTEMPTS = 10;

    private final WatchService service;
    private final List<Path> targets;
    private final Map<WatchKey, Watched> watched = new HashMap<>();
    private final Runnable onChange;
    private final Thread thread;

    /**
     * What one watched folder is watched for: its resource files (it is a configured folder) and/or some names
     * in it (configured files, or the next name on the way to a configured path that does not exist yet).
     */
    private record Watched(Path folder, boolean resourceFiles, Set<Path> names) {
        boolean concerns(Path child) {
            return ATOMIC_WRITER_DATA.equals(child)
                    || names.contains(child)
                    || (resourceFiles && ResourceFiles.hasResourceName(child));
        }
    }

    /**
     * Registers the watches and starts the watching thread.
     *
     * @param paths the configured files and folders; those that do not exist yet are watched for
     * @throws IOException when the platform cannot watch
     */
    public ResourceWatcher(List<Path> paths, Runnable onChange) throws IOException {
        this.onChange = onChange;
        this.targets = paths.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .distinct()
                .toList();
        this.service = FileSystems.getDefault().newWatchService();
        arm();
        thread = new Thread(this::watch, "switchboard-resource-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The folders watched right now (tests). */
    Set<Path> watchedFolders() {
        synchronized (watched) {
            Set<Path> folders = new HashSet<>();
            watched.values().forEach(w -> folders.add(w.folder()));
            return folders;
        }
    }

    /**
     * Registers what the targets need now and cancels the watches no target needs any more. A folder can vanish or
     * appear while this runs (deleted between the check and the registration, or created just after its parent was
     * chosen instead): so the watches are worked out again afterwards, and armed again until they agree with the
     * disk.
     */
    private void arm() {
        for (int attempt = 0; attempt < MAX_ARM_ATTEMPTS; attempt++) {
            Map<Path, Watched> wanted = wanted();
            Arming arming = armFor(wanted);
            if (arming == Arming.CLOSED || (arming == Arming.ALL && wanted.equals(wanted()))) {
                return;
            }
        }
        LOG.warn("the resource paths kept changing while their watches were set up; watching what was last seen");
    }

    private Map<Path, Watched> wanted() {
        Map<Path, Watched> wanted = new LinkedHashMap<>();
        for (Path target : targets) {
            want(wanted, target);
        }
        return wanted;
    }

    /** How one round of arming went. */
    private enum Arming {
        ALL,
        SOME_GONE,
        CLOSED
    }

    /** Arms exactly {@code wanted}, as far as its folders still exist. */
    private Arming armFor(Map<Path, Watched> wanted) {
        Arming outcome = Arming.ALL;
        synchronized (watched) {
            Map<WatchKey, Watched> armed = new HashMap<>();
            for (Watched want : wanted.values()) {
                try {
                    armed.put(want.folder().register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), want);
                } catch (ClosedWatchServiceException closed) {
                    return Arming.CLOSED;
                } catch (IOException e) {
                    LOG.debug("cannot watch {}: {}", want.folder(), e.toString());
                    outcome = Arming.SOME_GONE;
                }
            }
            watched.keySet().stream().filter(key -> !armed.containsKey(key)).forEach(WatchKey::cancel);
            watched.clear();
            watched.putAll(armed);
        }
        return outcome;
    }

    private static void want(Map<Path, Watched> wanted, Path target) {
        if (Files.isDirectory(target)) {
            wanted.merge(target, new Watched(target, true, Set.of()), ResourceWatcher::merge);
            return;
        }
        Path child = target;
        Path folder = target.getParent();
        while (folder != null && !Files.isDirectory(folder)) {
            child = folder;
            folder = folder.getParent();
        }
        if (folder == null) {
            return;
        }
        if (!child.equals(target)) {
            LOG.debug("{} does not exist yet: watching {} for {}", target, folder, child.getFileName());
        }
        wanted.merge(folder, new Watched(folder, false, Set.of(child.getFileName())), ResourceWatcher::merge);
    }

    private static Watched merge(Watched a, Watched b) {
        Set<Path> names = new HashSet<>(a.names());
        names.addAll(b.names());
        return new Watched(a.folder(), a.resourceFiles() || b.resourceFiles(), Set.copyOf(names));
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = service.take();
                Watched folder;
                synchronized (watched) {
                    folder = watched.get(key);
                }
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == OVERFLOW || (folder != null && folder.concerns((Path) event.context()));
                }
                if (!key.reset() && folder != null) {
                    LOG.info("{} is gone: watching for it to come back", folder.folder());
                    relevant = true;
                }
                if (relevant) {
                    arm();
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
