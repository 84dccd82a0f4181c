package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One bounded HTTP connection pool per receiver origin ({@code scheme://host:port}) and trust, shared by the
 * triggers that send there, so a slow subscriber exhausts only its own pool. A pool is closed when the last trigger
 * using it is released. Redirects are never followed. {@code https://} receivers are verified against the JVM's
 * trust store with host-name checking (docs/security.md); a trigger with {@code switchboard.dev/ca-bundle} gets a pool of
 * its own origin-and-bundle that also trusts the bundle's certificates ({@link CaBundleTrust}), read when the pool
 * opens.
 */
final class OriginClients {
    private final Vertx vertx;
    private final int maxConnections;
    private final Map<String, HttpClientAgent> clients = new HashMap<>();
    private final Map<String, Set<ResourceId>> users = new HashMap<>();

    OriginClients(Vertx vertx, int maxConnections) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
    }

    /**
     * The pool for {@code url}'s origin trusting {@code caBundle} too (for {@code https} only), recording that
     * {@code trigger} uses it. A pool with a bundle is opened after the bundle was read on a worker thread, never
     * on an event loop.
     *
     * @return the pool, or a failure with {@link IllegalArgumentException} when the CA bundle cannot be used (no
     *     pool is opened then)
     */
    Future<HttpClient> clientFor(URI url, ResourceId trigger, Optional<Path> caBundle) {
        boolean tls = "https".equals(scheme(url));
        Optional<Path> trust = tls ? caBundle : Optional.empty();
        String key = origin(url) + trust.map(path -> " trusting " + path).orElse("");
        synchronized (this) {
            if (clients.containsKey(key) || trust.isEmpty()) {
                return Future.succeededFuture(open(key, url, trigger, Optional.empty()));
            }
        }
        return vertx.<TrustOptions>executeBlocking(() -> CaBundleTrust.read(trust.get()), false)
                .map(options -> open(key, url, trigger, Optional.of(options)));
    }

    private synchronized HttpClient open(String key, URI url, ResourceId trigger, Optional<TrustOptions> trust) {
        HttpClientAgent client = clients.computeIfAbsent(key, ignored -> {
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setSsl("https".equals(scheme(url)))
                    .setVerifyHost(true)
                    .setTrustAll(false)
                    .setDefaultHost(url.getHost())
                    .setDefaultPort(port(url));
            trust.ifPresent(options::setTrustOptions);
            return vertx.createHttpClient(
                    options, new PoolOptions().setHttp1MaxSize(maxConnections).setHttp2MaxSize(maxConnections));
        });
        users.computeIfAbsent(key, ignored -> new HashSet<>()).add(trigger);
        return client;
    }

    /** Forgets {@code trigger}; closes the pools no trigger uses any more. */
    Future<Void> release(ResourceId trigger) {
        List<HttpClientAgent> unused = new ArrayList<>();
        synchronized (this) {
            users.entrySet().removeIf(entry -> {
                entry.getValue().remove(trigger);
                if (entry.getValue().isEmpty()) {
                    HttpClientAgent client = clients.remove(entry.getKey());
                    if (client != null) {
                        unused.add(client);
                    }
                    return true;
                }
                return false;
            });
        }
        return closeAll(unused);
    }

    /** How many pools are open. */
    synchronized int size() {
        return clients.size();
    }

    Future<Void> close() {
        List<HttpClientAgent> all;
        synchronized (this) {
            all = new ArrayList<>(clients.values());
            clients.clear();
            users.clear();
        }
        return closeAll(all);
    }

    private static Future<Void> closeAll(List<HttpClientAgent> toClose) {
        return Future.join(toClose.stream().map(HttpClientAgent::close).toList())
                .mapEmpty();
    }

    static String origin(URI url) {
        return scheme(url) + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port(url);
    }

    private static String scheme(URI url) {
        return url.getScheme() == null ? "http" : url.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equals(scheme(url)) ? 443 : 80;
    }
}
