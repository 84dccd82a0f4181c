package dev.switchboard.broker.delivery;

import dev.switchboard.broker.config.watch.FileDigestPoller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in a file (docs/security.md: token, password, client secret), read at start and again whenever its contents
 * change (polled by {@link FileDigestPoller}, which also sees the symbolic-link swaps of mounted Kubernetes
 * secrets). Trailing line breaks are not part of the secret. A file that cannot be read keeps the last good value;
 * with none yet, {@link #current()} fails naming the file, never its contents.
 */
final class SecretFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);

    private final Path file;
    private final FileDigestPoller poller;
    private volatile String value;
    private volatile String problem;

    private SecretFile(Path file, FileDigestPoller poller) {
        this.file = file;
        this.poller = poller;
    }

    /** Reads {@code file} now (blocking, once) and follows its changes every {@code interval}. */
    static SecretFile watch(Vertx vertx, Path file, Duration interval) {
        FileDigestPoller poller = new FileDigestPoller(vertx, List.of(file), interval);
        SecretFile secret = new SecretFile(file, poller);
        List<byte[]> current = List.of();
        try {
            current = poller.read();
            secret.value = text(current.get(0));
        } catch (UncheckedIOException e) {
            secret.problem = unreadable(file, e.getCause());
            LOG.warn("{}", secret.problem);
        }
        poller.start(current, secret.follower());
        return secret;
    }

    /** The secret now; fails naming the file while it has never been readable. */
    Future<String> current() {
        String now = value;
        return now != null
                ? Future.succeededFuture(now)
                : Future.failedFuture(new IllegalStateException(problem == null ? unreadable(file, null) : problem));
    }

    /** Checks the file now rather than at the next tick (tests). */
    Future<Void> poll() {
        return poller.poll();
    }

    private FileDigestPoller.Follower<String> follower() {
        return new FileDigestPoller.Follower<>() {
            @Override
            public String read(List<byte[]> contents) {
                return text(contents.get(0));
            }

            @Override
            public Future<?> apply(String read) {
                boolean changed = value != null;
                value = read;
                problem = null;
                LOG.info("secret file {} {}", file, changed ? "changed: using the new contents" : "is readable");
                return Future.succeededFuture();
            }

            @Override
            public void failed(Throwable cause) {
                problem = unreadable(file, cause);
                LOG.warn("{}{}", problem, value == null ? "" : " (the last contents read stay in use)");
            }
        };
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
    }

    private static String unreadable(Path file, Throwable cause) {
        Throwable io = cause;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause();
        }
        return "cannot read secret file " + file
                + (io == null ? "" : " (" + io.getClass().getSimpleName() + ")");
    }

    @Override
    public void close() {
        poller.close();
    }
}
