package dev.switchboard.broker.tls;

import dev.switchboard.broker.config.TlsFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Server TLS options from PEM files (docs/security.md): the certificate chain and private key, TLS 1.2 and 1.3 only
 * (RFC 8996 deprecates older versions), and, when a client CA file is given, client certificates signed by it
 * required. The files' contents are read now, so options built later from changed files differ from these.
 */
public final class PemServerTls {
    /** TLS versions offered: 1.2 and 1.3. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private PemServerTls() {}

    /** @throws UncheckedIOException when a file cannot be read (the message names the file, never its content) */
    public static ServerSSLOptions read(TlsFiles files) {
        ServerSSLOptions options = new ServerSSLOptions()
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(bytes(files.certFile()))
                        .addKeyValue(bytes(files.keyFile())))
                .setEnabledSecureTransportProtocols(PROTOCOLS);
        files.clientCaFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertValue(bytes(ca)))
                .setClientAuth(ClientAuth.REQUIRED));
        return options;
    }

    /** Turns TLS on in {@code server} with {@code tls}. */
    public static HttpServerOptions apply(HttpServerOptions server, ServerSSLOptions tls) {
        return server.setSsl(true)
                .setKeyCertOptions(tls.getKeyCertOptions())
                .setTrustOptions(tls.getTrustOptions())
                .setClientAuth(tls.getClientAuth())
                .setEnabledSecureTransportProtocols(tls.getEnabledSecureTransportProtocols());
    }

    private static Buffer bytes(Path file) {
        try {
            return Buffer.buffer(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS file " + file, e);
        }
    }
}
