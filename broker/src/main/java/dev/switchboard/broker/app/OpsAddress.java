package dev.switchboard.broker.app;

import dev.switchboard.broker.config.PortsFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CLI finds a running server's operations API (docs/cli.md "Finding the server"): the {@code --ops} URL
 * when given; else the ops port of {@code {dataDir}/ports.json}, which {@code run} writes once it listens; else
 * {@value #DEFAULT}. {@link #origin()} says which, so an error can tell the user what was tried.
 *
 * @param base the ops base URL, without a trailing slash
 * @param origin how it was chosen: {@code --ops}, {@code data/ports.json}, or the default
 */
record OpsAddress(URI base, String origin) {
    static final String DEFAULT = "http://127.0.0.1:9090";

    /**
     * @param explicit the {@code --ops} URL, empty when not given
     * @param dataDir the data folder {@code run} used (see {@link OpsOptions})
     * @throws IOException when {@code ports.json} is there but cannot be read or lacks a field
     */
    static OpsAddress resolve(Optional<String> explicit, Path dataDir) throws IOException {
        if (explicit.isPresent()) {
            return new OpsAddress(trimmed(explicit.get()), "--ops");
        }
        PortsFile ports = new PortsFile(dataDir);
        if (Files.exists(ports.path())) {
            // run binds ops.host (127.0.0.1 by default); ports.json has the port, and loopback reaches a wildcard bind
            return new OpsAddress(
                    URI.create("http://127.0.0.1:" + ports.read().ops()), ports.path() + ", written by the last run");
        }
        return new OpsAddress(URI.create(DEFAULT), "the default: there is no " + ports.path());
    }

    /** {@code base} followed by {@code path}, which starts with a slash. */
    URI resolvePath(String path) {
        return URI.create(base + path);
    }

    private static URI trimmed(String url) {
        return URI.create(url.replaceAll("/+$", ""));
    }
}
