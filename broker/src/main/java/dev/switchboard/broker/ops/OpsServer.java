package dev.switchboard.broker.ops;

import dev.switchboard.broker.tls.PemServerTls;
import dev.switchboard.triggers.reload.ReloadListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations listener (docs/operations.md), on its own port (127.0.0.1:9090 by default), never sharing the
 * ingress's port or limits:
 *
 * <pre>
 *   GET  /livez /readyz [?verbose]        health (readiness: Kafka reachable, config loaded, not draining)
 *   GET  /metrics                         Prometheus text format from the one registry
 *   GET  /api/v1/brokers /api/v1/triggers /api/v1/status      resources, counters, config status
 *   GET  /api/v1/overview                 all of the above in one body, for the status page
 *   POST /api/v1/namespaces/{ns}/triggers/{name}/replay|redrive   dispatcher controls
 *   GET  /                                the live status page
 * </pre>
 */
public final class OpsServer {
    private static final long MAX_BODY_BYTES = 64 * 1024;
    /** Ops answers computed at once: a scrape and an API read can run side by side. */
    private static final int WORKER_THREADS = 2;
    /** Ops answers computed or waiting, past which requests get 503. */
    private static final int MAX_PENDING = 16;

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final HealthChecks liveness;
    private final HealthChecks readiness;
    private final ResourceViews views;
    private final TriggerReadyGauges readyGauges;
    private final ConfigStatus config;
    private final ServedSince servedSince = new ServedSince();
    private final OffLoopAnswers offLoop;
    private final TriggerControlRoutes controls;
    private final StatusPage page = new StatusPage();
    private final Clock clock = Clock.systemUTC();
    private HttpServer server;

    /**
     * @param vertx the ops server's own Vert.x, whose event loop the ingress never uses (see {@code
     *     RuntimeMeters.newOpsVertx}); answers that cost more than a flag read run on a small worker pool of it
     * @param readiness what {@code /readyz} checks
     * @param config the served resources and the last reload
     * @param triggers the dispatcher's replay and redrive, the egress refusals and the delivery failures
     * @param ingressUrl the ingress base URL as clients reach it, for each broker's {@code address.url}
     */
    public OpsServer(
            Vertx vertx,
            PrometheusMeterRegistry registry,
            HealthChecks readiness,
            ConfigStatus config,
            TriggerRuntime triggers,
            URI ingressUrl) {
        this.vertx = vertx;
        this.registry = registry;
        this.liveness = new HealthChecks("livez", List.of(new HealthCheck("ping", HealthCheck.Outcome::ok)));
        this.readiness = readiness;
        TriggerConditions conditions =
                new TriggerConditions(triggers.egressRefusals(), config.topics(), triggers.control()::dispatching);
        this.config = config;
        this.views = new ResourceViews(
                config,
                new MeterReadings(MeterIndex.watch(registry)),
                readiness,
                conditions,
                triggers.failures(),
                ingressUrl,
                servedSince);
        this.readyGauges = new TriggerReadyGauges(registry, conditions);
        readyGauges.follow(config.current().get());
        servedSince.follow(config.current().get());
        this.controls = new TriggerControlRoutes(config, triggers.control(), triggers.access());
        this.offLoop = new OffLoopAnswers(vertx, WORKER_THREADS, MAX_PENDING);
    }

    /**
     * Follows each applied reload, so a resource's {@code status.servedSince} is the time the generation that
     * added it was applied even when no API read came in between (register it with the reloader).
     */
    public ReloadListener reloadListener() {
        return (result, current) -> servedSince.follow(current);
    }

    /** Listens on {@code host:port} (0 = a free port); completes with the bound port. */
    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/livez").handler(ctx -> health(ctx, liveness));
        router.get("/readyz").handler(ctx -> health(ctx, readiness));
        router.get("/metrics").handler(this::metrics);
        router.get("/api/v1/brokers").handler(ctx -> json(ctx, views::brokers));
        router.get("/api/v1/triggers").handler(ctx -> json(ctx, views::triggers));
        router.get("/api/v1/status").handler(ctx -> json(ctx, views::status));
        router.get("/api/v1/overview").handler(ctx -> json(ctx, this::overview));
        router.post("/api/v1/namespaces/:namespace/triggers/:name/*")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post("/api/v1/namespaces/:namespace/triggers/:name/replay").handler(controls::replay);
        router.post("/api/v1/namespaces/:namespace/triggers/:name/redrive").handler(controls::redrive);
        router.get("/").handler(page::serve);
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
        tls.ifPresent(ssl -> PemServerTls.apply(options, ssl));
        server = vertx.createHttpServer(options).requestHandler(router);
        return server.listen().map(HttpServer::actualPort);
    }

    /**
     * Listens with TLS when {@code tls} is present (docs/security.md {@code tls.ops}); see {@link #listen(String, int)}.
     */
    public Future<Integer> listen(String host, int port, Optional<ServerSSLOptions> tls) {
        this.tls = tls;
        return listen(host, port);
    }

    /** Serves new certificates on the next connections (called by the TLS reloader). */
    public Future<Boolean> updateTls(ServerSSLOptions options) {
        return server.updateSSLOptions(options, true);
    }

    private static void health(RoutingContext ctx, HealthChecks checks) {
        HealthChecks.Report report = checks.run();
        ctx.response()
                .setStatusCode(report.passed() ? 200 : 503)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(report.render(ctx.queryParams().contains("verbose")));
    }

    /** Computes a JSON body off the event loop, the served generation's ready gauges followed first. */
    private void json(RoutingContext ctx, Supplier<JsonObject> view) {
        offLoop.answer(
                ctx,
                () -> {
                    readyGauges.follow(config.current().get());
                    servedSince.follow(config.current().get());
                    return view.get().toBuffer();
                },
                (done, body) -> JsonAnswers.send(done, 200, body));
    }

    private void metrics(RoutingContext ctx) {
        offLoop.answer(
                ctx,
                () -> {
                    readyGauges.follow(config.current().get());
                    return registry.scrape();
                },
                (done, scrape) -> done.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(scrape));
    }

    /** One body with everything the status page shows; its clock lets the page compute rates. */
    private JsonObject overview() {
        HealthChecks.Report ready = readiness.run();
        JsonArray checks = new JsonArray();
        ready.results()
                .forEach(result -> checks.add(new JsonObject()
                        .put("name", result.name())
                        .put("ok", result.outcome().passed())
                        .put("detail", result.outcome().detail())));
        return new JsonObject()
                .put("time", clock.instant().toString())
                .put("timeMillis", clock.millis())
                .put("ready", ready.passed())
                .put("checks", checks)
                .put("status", views.status())
                .put("brokers", views.brokers().getJsonArray("items"))
                .put("triggers", views.triggers().getJsonArray("items"))
                .put("dispatchLatency", views.dispatchLatency());
    }

    private Optional<ServerSSLOptions> tls = Optional.empty();

    public Future<Void> close() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(offLoop::close);
    }
}
