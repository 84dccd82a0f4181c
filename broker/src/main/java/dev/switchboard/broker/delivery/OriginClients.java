package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One bounded HTTP connection pool per receiver origin ({@code scheme://host:port}), shared by the triggers
 * that send there, so a slow subscriber exhausts only its own pool. A pool is closed when the last trigger
 * using it is released. Redirects are never followed.
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

    /** The pool for {@code url}'s origin, recording that {@code trigger} uses it. */
    synchronized HttpClientAgent clientFor(URI url, ResourceId trigger) {
        String origin = origin(url);
        users.computeIfAbsent(origin, key -> new HashSet<>()).add(trigger);
        return clients.computeIfAbsent(
                origin,
                key -> vertx.createHttpClient(
                        new HttpClientOptions()
                                .setKeepAlive(true)
                                .setSsl("https".equals(scheme(url)))
                                .setDefaultHost(url.getHost())
                                .setDefaultPort(port(url)),
                        new PoolOptions().setHttp1MaxSize(maxConnections).setHttp2MaxSize(maxConnections)));
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
