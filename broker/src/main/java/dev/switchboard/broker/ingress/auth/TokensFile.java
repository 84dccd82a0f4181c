package dev.switchboard.broker.ingress.auth;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static tokens of {@code auth.tokensFile} (SPEC §7), read again when the file changes so tokens are added
 * and revoked without a restart. The file is polled (read on a worker, compared by SHA-256 of its contents, as
 * {@code tls.TlsReloader} does), which also sees the symbolic-link swaps of mounted Kubernetes secrets. A file
 * that cannot be read or parsed is logged as an error naming the file and the entry by index, never a token, and
 * the last good token set stays in use.
 */
public final class TokensFile implements Supplier<StaticTokens>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokensFile.class);

    private final Vertx vertx;
    private final Path file;
    private volatile StaticTokens current;
    private volatile byte[] seen;
    private volatile boolean checking;
    private long timer = -1;

    private TokensFile(Vertx vertx, Path file, StaticTokens first, byte[] seen) {
        this.vertx = vertx;
        this.file = file;
        this.current = first;
        this.seen = seen;
    }

    /**
     * Reads {@code file} now and then every {@code interval}.
     *
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when the file is unreadable or
     *     malformed at start
     */
    public static TokensFile watch(Vertx vertx, Path file, Duration interval) {
        byte[] bytes = read(file);
        TokensFile tokens = new TokensFile(vertx, file, parse(file, bytes), digest(bytes));
        tokens.timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> tokens.check());
        return tokens;
    }

    /** The token set in use: the last one read from a well-formed file. */
    @Override
    public StaticTokens get() {
        return current;
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        vertx.<StaticTokens>executeBlocking(
                        () -> {
                            byte[] bytes = read(file);
                            byte[] digest = digest(bytes);
                            if (Arrays.equals(digest, seen)) {
                                return null;
                            }
                            seen = digest;
                            return parse(file, bytes);
                        },
                        false)
                .onComplete(done -> {
                    checking = false;
                    if (done.failed()) {
                        LOG.error(
                                "tokens file not applied, the previous {} tokens stay in use: {}",
                                current.size(),
                                done.cause().getMessage());
                    } else if (done.result() != null) {
                        current = done.result();
                        LOG.info("tokens file {} reloaded: {} tokens", file, current.size());
                    }
                });
    }

    private static StaticTokens parse(Path file, byte[] bytes) {
        return StaticTokens.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file, e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
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
