package dev.switchboard.broker.ingress;

import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.ingress.auth.AuthContextStamp;
import dev.switchboard.broker.log.EventAppender;
import dev.switchboard.broker.tls.PemServerTls;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP ingress (docs/ingress.md): one server instance per event loop sharing the port. Port 0 picks a free
 * port: the first instance binds it and the others join on the port it got.
 */
public final class IngressServer {
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final Vertx vertx;
    private final IngressContext ingress;
    private final IngressHandler handler;
    private final IngressSecurity security;
    private final ConnectionCap connections;
    private final List<String> deployments = new ArrayList<>();
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int port;

    public IngressServer(
            Vertx vertx,
            IngressLimits limits,
            EventAppender appender,
            BrokerDirectory brokers,
            BooleanSupplier ready,
            MeterRegistry registry) {
        this(vertx, limits, appender, brokers, ready, registry, IngressSecurity.none(vertx));
    }

    /**
     * An ingress that authenticates producers of the brokers asking for it ({@code switchboard.dev/auth}) and
     * serves TLS when {@code security} has it (docs/security.md).
     */
    public IngressServer(
            Vertx vertx,
            IngressLimits limits,
            EventAppender appender,
            BrokerDirectory brokers,
            BooleanSupplier ready,
            MeterRegistry registry,
            IngressSecurity security) {
        this.vertx = vertx;
        this.security = security;
        this.ingress = new IngressContext(
                vertx,
                limits,
                new EventReader(),
                appender,
                new IngressMetrics(registry, limits.eventTypeTag()),
                new InFlightLimiter(limits.maxInFlight()),
                security.authenticator(),
                new AuthContextStamp());
        this.handler = new IngressHandler(ingress, brokers, ready);
        this.connections = new ConnectionCap(limits.maxConnections(), registry);
    }

    /**
     * Starts listening on {@code host:port} with {@code instances} event loops sharing the port; completes
     * with the bound port. For port 0 a free port is picked first (Vert.x shares a port between instances
     * only when they all name it), retried if another process takes it in between.
     */
    public Future<Integer> listen(String host, int requestedPort, int instances) {
        return listen(host, requestedPort, instances, requestedPort == 0 ? FREE_PORT_ATTEMPTS : 1);
    }

    private Future<Integer> listen(String host, int requestedPort, int instances, int attempts) {
        int bindPort = requestedPort == 0 ? FreePort.find(host) : requestedPort;
        return vertx.deployVerticle(
                        () -> new ServerVerticle(host, bindPort),
                        new DeploymentOptions().setInstances(Math.max(1, instances)))
                .map(id -> {
                    deployments.add(id);
                    return port;
                })
                .recover(error -> attempts > 1 && error instanceof java.net.BindException
                        ? listen(host, requestedPort, instances, attempts - 1)
                        : Future.failedFuture(error));
    }

    public int port() {
        return port;
    }

    /** Connections currently open (at most {@code ingress.maxConnections}). */
    public int openConnections() {
        return connections.open();
    }

    /** Requests currently being read or stored. */
    public int inFlight() {
        return ingress.limiter().inFlight();
    }

    /**
     * Stops accepting connections and gives requests in progress up to {@code grace} to be answered (their
     * Kafka writes included), then closes what is left.
     */
    public Future<Void> shutdown(Duration grace) {
        List<Future<Void>> shutdowns = new ArrayList<>();
        for (HttpServer server : servers) {
            shutdowns.add(server.shutdown(grace));
        }
        return Future.join(shutdowns).transform(ignored -> close());
    }

    /** Closes the servers and their connections at once. */
    public Future<Void> close() {
        List<Future<Void>> undeploys = new ArrayList<>();
        for (String id : deployments) {
            undeploys.add(vertx.undeploy(id));
        }
        deployments.clear();
        servers.clear();
        return Future.join(undeploys).mapEmpty();
    }

    /**
     * Applies new TLS options to every instance (certificate rotation, docs/security.md): new connections use them,
     * open ones keep theirs.
     */
    public Future<Void> updateTls(ServerSSLOptions tls) {
        List<Future<Boolean>> updates = new ArrayList<>();
        for (HttpServer server : servers) {
            updates.add(server.updateSSLOptions(tls, true));
        }
        return Future.all(updates).mapEmpty();
    }

    private HttpServerOptions options(String host, int bindPort) {
        HttpServerOptions options = plainOptions(host, bindPort);
        return security.tls().map(tls -> PemServerTls.apply(options, tls)).orElse(options);
    }

    private HttpServerOptions plainOptions(String host, int bindPort) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(bindPort)
                .setMaxHeaderSize(IngressLimits.MAX_HEADER_BYTES)
                .setMaxInitialLineLength(8192)
                .setIdleTimeout((int) ingress.limits().idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setHandle100ContinueAutomatically(false)
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true);
    }

    private final class ServerVerticle extends VerticleBase {
        private final String host;
        private final int bindPort;
        private HttpServer server;

        ServerVerticle(String host, int bindPort) {
            this.host = host;
            this.bindPort = bindPort;
        }

        @Override
        public Future<?> start() {
            HeaderDeadline headers = new HeaderDeadline(
                    vertx, ingress.limits().requestTimeout(), ingress.limits().idleTimeout());
            server = vertx.createHttpServer(options(host, bindPort))
                    .connectionHandler(connection -> {
                        if (connections.admit(connection)) {
                            headers.opened(connection);
                            connection.closeHandler(ignored -> {
                                headers.closed(connection);
                                connections.released();
                            });
                        }
                    })
                    .requestHandler(request -> {
                        headers.arrived(request);
                        handler.handle(request);
                    });
            servers.add(server);
            return server.listen().onSuccess(bound -> {
                port = bound.actualPort();
            });
        }

        @Override
        public Future<?> stop() {
            return server == null ? Future.succeededFuture() : server.close();
        }
    }
}
