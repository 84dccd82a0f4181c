package dev.switchboard.broker.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * The operations listener (SPEC §6): {@code /livez}, {@code /readyz} and {@code /metrics} in the Prometheus
 * text format. Bound to 127.0.0.1 by default; it never shares the ingress's port or limits.
 */
public final class OpsServer {
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private HttpServer server;

    public OpsServer(Vertx vertx, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        this.vertx = vertx;
        this.registry = registry;
        this.ready = ready;
    }

    /** Listens on {@code host:port} (0 = a free port); completes with the bound port. */
    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/livez").handler(ctx -> text(ctx, 200, "ok"));
        router.get("/readyz").handler(this::readiness);
        router.get("/metrics").handler(this::metrics);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router);
        return server.listen().map(HttpServer::actualPort);
    }

    private void readiness(RoutingContext ctx) {
        boolean isReady = ready.getAsBoolean();
        text(ctx, isReady ? 200 : 503, isReady ? "ok" : "not ready");
    }

    private void metrics(RoutingContext ctx) {
        String scrape = registry.scrape();
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(scrape);
    }

    private static void text(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
