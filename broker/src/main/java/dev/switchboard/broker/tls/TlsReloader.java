package dev.switchboard.broker.tls;

import dev.switchboard.broker.config.TlsFiles;
import dev.switchboard.broker.config.watch.FileDigestPoller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changed PEM files to running servers (docs/security.md "TLS": reloaded when the files change). The files are
 * polled by a {@link FileDigestPoller}, which also sees the symbolic-link swaps of mounted Kubernetes secrets.
 * Changed files are applied through {@code apply} (for a Vert.x server, {@code HttpServer.updateSSLOptions}); new
 * connections use them, open ones keep theirs. Files that cannot be read or applied are logged and the last good
 * ones stay.
 *
 * <p>For the ops listener: {@code new TlsReloader(vertx, files, opsServer::updateTls, interval).start(current)}
 * after listening with {@code PemServerTls.apply(options, PemServerTls.read(files))}.
 */
public final class TlsReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

    private final TlsFiles files;
    private final Function<ServerSSLOptions, Future<?>> apply;
    private final FileDigestPoller poller;

    public TlsReloader(Vertx vertx, TlsFiles files, Function<ServerSSLOptions, Future<?>> apply, Duration interval) {
        this.files = files;
        this.apply = apply;
        List<Path> paths = new ArrayList<>(List.of(files.certFile(), files.keyFile()));
        files.clientCaFile().ifPresent(paths::add);
        this.poller = new FileDigestPoller(vertx, paths, interval);
    }

    /** Starts polling; the files as they are now count as applied. */
    public TlsReloader start() {
        List<byte[]> now;
        try {
            now = poller.read();
        } catch (UncheckedIOException e) {
            // a file being replaced: the next readable tick applies them
            now = List.of();
        }
        poller.start(now, new Follower());
        return this;
    }

    private final class Follower implements FileDigestPoller.Follower<ServerSSLOptions> {
        @Override
        public ServerSSLOptions read(List<byte[]> contents) {
            return PemServerTls.read(files);
        }

        @Override
        public Future<?> apply(ServerSSLOptions options) {
            return apply.apply(options)
                    .onSuccess(done -> LOG.info("TLS certificate reloaded from {}", files.certFile()));
        }

        @Override
        public void failed(Throwable cause) {
            if (cause instanceof IOException) {
                return; // a file being replaced: try again on the next tick
            }
            LOG.warn(
                    "TLS files {} not applied, the previous certificate stays: {}",
                    files.certFile(),
                    cause.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}
