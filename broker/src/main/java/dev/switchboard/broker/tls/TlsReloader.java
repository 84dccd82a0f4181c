package dev.switchboard.broker.tls;

import dev.switchboard.broker.config.TlsFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changed PEM files to running servers (SPEC §7 "reloaded when the files change"). The files are
 * polled (read on a worker, compared by SHA-256 of their contents): polling sees every way a file changes,
 * including the symbolic-link swaps of mounted Kubernetes secrets, which file-system events miss. Changed files
 * are applied through {@code apply} (for a Vert.x server, {@code HttpServer.updateSSLOptions}); new connections
 * use them, open ones keep theirs. Files that cannot be read or applied are logged and the last good ones stay.
 *
 * <p>For the ops listener: {@code new TlsReloader(vertx, files, opsServer::updateTls, interval).start(current)}
 * after listening with {@code PemServerTls.apply(options, PemServerTls.read(files))}.
 */
public final class TlsReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

    private final Vertx vertx;
    private final TlsFiles files;
    private final Function<ServerSSLOptions, Future<?>> apply;
    private final Duration interval;
    private volatile byte[] applied = new byte[0];
    private long timer = -1;
    private volatile boolean checking;

    public TlsReloader(Vertx vertx, TlsFiles files, Function<ServerSSLOptions, Future<?>> apply, Duration interval) {
        this.vertx = vertx;
        this.files = files;
        this.apply = apply;
        this.interval = interval;
    }

    /** Starts polling; the files as they are now count as applied. */
    public TlsReloader start() {
        applied = digest();
        timer = vertx.setPeriodic(interval.toMillis(), id -> check());
        return this;
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        vertx.executeBlocking(() -> {
                    byte[] now = digest();
                    return Arrays.equals(now, applied) ? null : new Changed(now, PemServerTls.read(files));
                })
                .compose(changed -> changed == null
                        ? Future.succeededFuture()
                        : apply.apply(changed.options()).onSuccess(done -> {
                            applied = changed.digest();
                            LOG.info("TLS certificate reloaded from {}", files.certFile());
                        }))
                .onComplete(done -> {
                    checking = false;
                    if (done.failed()) {
                        LOG.warn(
                                "TLS files {} not applied, the previous certificate stays: {}",
                                files.certFile(),
                                done.cause().getClass().getSimpleName());
                    }
                });
    }

    private record Changed(byte[] digest, ServerSSLOptions options) {}

    private byte[] digest() {
        List<Path> paths = new ArrayList<>(List.of(files.certFile(), files.keyFile()));
        files.clientCaFile().ifPresent(paths::add);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path path : paths) {
                sha.update(Files.readAllBytes(path));
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (IOException e) {
            // a file being replaced: try again on the next tick
            return applied;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
