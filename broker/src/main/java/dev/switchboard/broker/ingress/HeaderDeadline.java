package dev.switchboard.broker.ingress;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes connections whose request headers do not arrive in time (docs/security.md "HTTP limits": a per-request deadline): Vert.x
 * has no header-read timeout, and the idle timeout restarts on every byte, so headers trickled a byte at a time
 * (slow loris) would hold a connection forever. A new connection must deliver a request's headers within the
 * request deadline; between requests on a kept-alive connection, within the idle timeout. Used on one event
 * loop per server instance, so the state is not shared.
 */
final class HeaderDeadline {
    private final Vertx vertx;
    private final long firstMillis;
    private final long betweenMillis;
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    private static final class Watch {
        int open;
        long timer = -1;
    }

    HeaderDeadline(Vertx vertx, Duration first, Duration between) {
        this.vertx = vertx;
        this.firstMillis = Math.max(1, first.toMillis());
        this.betweenMillis = Math.max(1, between.toMillis());
    }

    void opened(HttpConnection connection) {
        Watch watch = new Watch();
        watches.put(connection, watch);
        arm(connection, watch, firstMillis);
    }

    /** Forgets a connection that closed; the caller owns the connection's single close handler. */
    void closed(HttpConnection connection) {
        Watch closed = watches.remove(connection);
        if (closed != null && closed.timer >= 0) {
            vertx.cancelTimer(closed.timer);
        }
    }

    void arrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Watch watch = connection == null ? null : watches.get(connection);
        if (watch == null) {
            return;
        }
        watch.open++;
        disarm(watch);
        request.response().closeHandler(ignored -> ended(connection, watch));
        request.response().endHandler(ignored -> ended(connection, watch));
    }

    private void ended(HttpConnection connection, Watch watch) {
        watch.open = Math.max(0, watch.open - 1);
        if (watch.open == 0 && watches.containsKey(connection)) {
            arm(connection, watch, betweenMillis);
        }
    }

    private void arm(HttpConnection connection, Watch watch, long millis) {
        disarm(watch);
        watch.timer = vertx.setTimer(millis, id -> {
            watch.timer = -1;
            if (watch.open == 0) {
                connection.close();
            }
        });
    }

    private void disarm(Watch watch) {
        if (watch.timer >= 0) {
            vertx.cancelTimer(watch.timer);
            watch.timer = -1;
        }
    }
}
