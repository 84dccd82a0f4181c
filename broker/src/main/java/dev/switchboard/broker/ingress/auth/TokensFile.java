package dev.switchboard.broker.ingress.auth;

import dev.switchboard.broker.config.watch.FileDigestPoller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static tokens of {@code auth.tokensFile} (docs/security.md), read again when the file changes so tokens are added
 * and revoked without a restart. The file is polled by a {@link FileDigestPoller} (as {@code tls.TlsReloader}
 * is), which also sees the symbolic-link swaps of mounted Kubernetes secrets. A file that cannot be read or
 * parsed is logged as an error naming the file and the entry by index, never a token, and the last good token
 * set stays in use; a malformed file is reported once, until it changes again.
 */
public final class TokensFile implements Supplier<StaticTokens>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokensFile.class);

    private final Path file;
    private final FileDigestPoller poller;
    private volatile StaticTokens current;

    private TokensFile(Path file, FileDigestPoller poller, StaticTokens first) {
        this.file = file;
        this.poller = poller;
        this.current = first;
    }

    /**
     * Reads {@code file} now and then every {@code interval}.
     *
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when the file is unreadable or
     *     malformed at start
     */
    public static TokensFile watch(Vertx vertx, Path file, Duration interval) {
        FileDigestPoller poller = new FileDigestPoller(vertx, List.of(file), interval);
        List<byte[]> contents;
        try {
            contents = poller.read();
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file, e.getCause());
        }
        TokensFile tokens = new TokensFile(file, poller, parse(file, contents.get(0)));
        poller.start(contents, tokens.new Follower());
        return tokens;
    }

    /** The token set in use: the last one read from a well-formed file. */
    @Override
    public StaticTokens get() {
        return current;
    }

    /** A reading of the changed file: the tokens, or why it is malformed. */
    private record Reading(StaticTokens tokens, RuntimeException malformed) {}

    private final class Follower implements FileDigestPoller.Follower<Reading> {
        @Override
        public Reading read(List<byte[]> contents) {
            try {
                return new Reading(parse(file, contents.get(0)), null);
            } catch (RuntimeException e) {
                return new Reading(null, e);
            }
        }

        @Override
        public Future<?> apply(Reading reading) {
            // a malformed file counts as seen too: it is reported once, not on every tick
            if (reading.malformed() != null) {
                notApplied(reading.malformed().getMessage());
            } else {
                current = reading.tokens();
                LOG.info("tokens file {} reloaded: {} tokens", file, current.size());
            }
            return Future.succeededFuture();
        }

        @Override
        public void failed(Throwable cause) {
            notApplied(cause instanceof IOException ? "cannot read the tokens file " + file : cause.getMessage());
        }
    }

    private void notApplied(String why) {
        LOG.error("tokens file not applied, the previous {} tokens stay in use: {}", current.size(), why);
    }

    private static StaticTokens parse(Path file, byte[] bytes) {
        return StaticTokens.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    @Override
    public void close() {
        poller.close();
    }
}
