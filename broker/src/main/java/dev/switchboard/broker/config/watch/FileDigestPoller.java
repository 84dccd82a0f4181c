package dev.switchboard.broker.config.watch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Polls files and hands their contents to a {@link Follower} when they change (docs/security.md "TLS": reloaded when the files
 * change). Each tick reads the files on a worker and compares the SHA-256 of their contents with the last
 * contents the follower took: polling sees every way a file changes, including the symbolic-link swaps of
 * mounted Kubernetes secrets, which file-system events miss. Ticks never overlap: one that comes while the last
 * is still running is skipped.
 *
 * <pre>
 *   tick ─▶ read files (worker) ─ same digest ─▶ done
 *                 │ unreadable ─▶ follower.failed(IOException), tried again next tick
 *                 ▼ changed
 *           follower.read (worker) ─▶ follower.apply (event loop) ─ succeeds ─▶ contents count as seen
 *                 └──── throws / fails ─▶ follower.failed(cause), tried again next tick
 * </pre>
 */
public final class FileDigestPoller implements AutoCloseable {

    /**
     * What to make of changed files.
     *
     * @param <T> what the contents are read into
     */
    public interface Follower<T> {
        /** On a worker thread: reads the changed contents (one entry a file, in order) into what {@link #apply} takes. */
        T read(List<byte[]> contents);

        /** On the event loop: puts what was read in use; once it succeeds the contents count as seen. */
        Future<?> apply(T read);

        /**
         * On the event loop: the files could not be read (an {@link IOException}), or {@link #read} threw or
         * {@link #apply} failed; the contents are not seen and the next tick tries again.
         */
        void failed(Throwable cause);
    }

    private final Vertx vertx;
    private final List<Path> files;
    private final Duration interval;
    private volatile byte[] seen = new byte[0];
    private volatile boolean checking;
    private Follower<?> follower;
    private long timer = -1;

    public FileDigestPoller(Vertx vertx, List<Path> files, Duration interval) {
        this.vertx = vertx;
        this.files = List.copyOf(files);
        this.interval = interval;
    }

    /**
     * The contents of the files now, one entry a file, in order.
     *
     * @throws UncheckedIOException naming the file that cannot be read
     */
    public List<byte[]> read() {
        try {
            return readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls every interval from now; {@code current} (as {@link #read()} gave it) counts as seen. */
    public FileDigestPoller start(List<byte[]> current, Follower<?> follower) {
        this.seen = digest(current);
        this.follower = follower;
        timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> poll());
        return this;
    }

    /**
     * One tick now: completes when the follower has taken a change, or there was none, or the tick was skipped
     * because the last one is still running. Fails only if the follower's {@code failed} throws.
     */
    public Future<Void> poll() {
        if (checking) {
            return Future.succeededFuture();
        }
        checking = true;
        return check(follower).onComplete(done -> checking = false);
    }

    private <T> Future<Void> check(Follower<T> follower) {
        return vertx.executeBlocking(
                        () -> {
                            List<byte[]> contents = readAll();
                            byte[] digest = digest(contents);
                            return Arrays.equals(digest, seen) ? null : new Changed<>(digest, follower.read(contents));
                        },
                        false)
                .compose(changed -> changed == null
                        ? Future.succeededFuture()
                        : follower.apply(changed.read()).map(applied -> {
                            seen = changed.digest();
                            return null;
                        }))
                .<Void>mapEmpty()
                .recover(cause -> {
                    follower.failed(cause);
                    return Future.succeededFuture();
                });
    }

    private record Changed<T>(byte[] digest, T read) {}

    private List<byte[]> readAll() throws IOException {
        List<byte[]> contents = new ArrayList<>(files.size());
        for (Path file : files) {
            contents.add(Files.readAllBytes(file));
        }
        return contents;
    }

    private static byte[] digest(List<byte[]> contents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] content : contents) {
                sha.update(content);
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
