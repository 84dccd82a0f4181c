package dev.switchboard.broker.ingress.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Duration;

/**
 * Where OIDC verification keys come from (docs/security.md {@code auth.oidc.jwksUri} / {@code jwksFile}).
 *
 * <ul>
 *   <li>a remote JWKS is cached for {@code cacheTtl} and fetched again at once when a token names a {@code kid}
 *       the cached set lacks (key rotation), at most once per {@code minRefreshInterval};
 *   <li>a JWKS file is read at start and read again when its modification time changes.
 * </ul>
 *
 * Both block while reading: they are used on workers only (see {@link OidcVerifier}).
 */
public final class JwksSources {
    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int HTTP_SIZE_LIMIT = 512 * 1024;

    private JwksSources() {}

    public static JWKSource<SecurityContext> remote(URI jwksUri, Duration cacheTtl, Duration minRefreshInterval) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(
                            jwksUri.toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT))
                    .cache(cacheTtl.toMillis(), HTTP_TIMEOUT_MILLIS * 2L)
                    .refreshAheadCache(false)
                    .rateLimited(minRefreshInterval.toMillis())
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwksUri, e);
        }
    }

    /** @throws IllegalArgumentException when the file cannot be read or is not a JWK set */
    public static JWKSource<SecurityContext> file(Path file) {
        return new ReloadingFile(file);
    }

    /** A JWKS file, read again when its modification time changes; keeps the last good set otherwise. */
    private static final class ReloadingFile implements JWKSource<SecurityContext> {
        private final Path file;
        private volatile FileTime loadedAt;
        private volatile ImmutableJWKSet<SecurityContext> keys;

        ReloadingFile(Path file) {
            this.file = file;
            reload();
        }

        @Override
        public java.util.List<com.nimbusds.jose.jwk.JWK> get(
                com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context) {
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedAt)) {
                    reload();
                }
            } catch (IOException | RuntimeException e) {
                // keep the last good set: a file being rewritten must not lock every producer out
            }
            return selector.select(keys.getJWKSet());
        }

        private synchronized void reload() {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                keys = new ImmutableJWKSet<>(JWKSet.parse(Files.readString(file)));
                loadedAt = modified;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWKS file " + file, e);
            } catch (ParseException e) {
                throw new IllegalArgumentException("the JWKS file " + file + " is not a JWK set", e);
            }
        }
    }
}
