package dev.switchboard.broker.ingress;

import dev.switchboard.broker.codec.ContentMode;
import dev.switchboard.broker.codec.Rejection;
import dev.switchboard.broker.ingress.auth.AuthDecision;
import dev.switchboard.broker.ingress.auth.Principal;
import dev.switchboard.broker.telemetry.MetricNames;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Routes ingress requests (docs/ingress.md): health checks, then {@code /{namespace}/{broker}} with the checks that
 * need no body (404, 405, OPTIONS handshake, then credentials 401/403 (docs/security.md), 415, 413 from
 * Content-Length, 429), then hands the request to an {@link EventExchange}. The body stays unread (the request
 * is paused) while credentials are checked, and a refused request never has its body read.
 */
final class IngressHandler implements Handler<HttpServerRequest> {
    private final IngressContext ingress;
    private final BrokerDirectory brokers;
    private final BooleanSupplier ready;

    IngressHandler(IngressContext ingress, BrokerDirectory brokers, BooleanSupplier ready) {
        this.ingress = ingress;
        this.brokers = brokers;
        this.ready = ready;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        HttpServerResponse response = request.response();
        if ("/livez".equals(path)) {
            Answers.plain(response, 200, "ok");
            return;
        }
        if ("/readyz".equals(path)) {
            boolean isReady = ready.getAsBoolean();
            Answers.plain(response, isReady ? 200 : 503, isReady ? "ok" : "not ready");
            return;
        }
        String[] segments = segments(path);
        Optional<BrokerRoute> route = segments == null ? Optional.empty() : brokers.routeOf(segments[0], segments[1]);
        if (route.isEmpty()) {
            reject(request, null, null, Rejection.of(Rejection.Kind.NOT_FOUND, "no broker at " + path));
            return;
        }
        String namespace = segments[0];
        String broker = segments[1];
        if (request.method() == HttpMethod.OPTIONS) {
            WebhookHandshake.answer(request);
            return;
        }
        if (request.method() != HttpMethod.POST) {
            reject(
                    request,
                    namespace,
                    broker,
                    Rejection.of(Rejection.Kind.METHOD_NOT_ALLOWED, "only POST is allowed on a broker"));
            return;
        }
        request.pause();
        ingress.auth()
                .authenticate(route.get().options(), route.get().address(), request.headers())
                .onComplete(decided -> {
                    AuthDecision decision = decided.succeeded()
                            ? decided.result()
                            : new AuthDecision.Refused(
                                    Rejection.of(Rejection.Kind.UNAUTHORIZED, "the credentials could not be checked"),
                                    Optional.empty());
                    if (decision instanceof AuthDecision.Refused refused) {
                        reject(request, namespace, broker, refused.rejection(), refused.challenge());
                    } else {
                        admit(request, namespace, broker, route.get(), ((AuthDecision.Admitted) decision).principal());
                    }
                });
    }

    private void admit(
            HttpServerRequest request, String namespace, String broker, BrokerRoute route, Principal principal) {
        ContentMode mode = ContentMode.of(request.getHeader("content-type"));
        if (mode == ContentMode.UNSUPPORTED_FORMAT) {
            reject(
                    request,
                    namespace,
                    broker,
                    Rejection.of(
                            Rejection.Kind.UNSUPPORTED_FORMAT,
                            "event format " + request.getHeader("content-type")
                                    + " is not supported, use application/cloudevents+json"));
            return;
        }
        if (declaredLength(request) > ingress.limits().maxEventBytes()) {
            reject(
                    request,
                    namespace,
                    broker,
                    Rejection.of(
                            Rejection.Kind.TOO_LARGE,
                            "Content-Length exceeds the maximum event size of "
                                    + ingress.limits().maxEventBytes() + " bytes"));
            return;
        }
        if (!ingress.limiter().tryAcquire()) {
            reject(
                    request,
                    namespace,
                    broker,
                    Rejection.of(Rejection.Kind.OVERLOADED, "too many requests in flight, retry later"));
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
            request.response().writeContinue();
        }
        new EventExchange(ingress, request, namespace, broker, route, principal, mode).start();
    }

    private void reject(HttpServerRequest request, String namespace, String broker, Rejection rejection) {
        reject(request, namespace, broker, rejection, Optional.empty());
    }

    private void reject(
            HttpServerRequest request,
            String namespace,
            String broker,
            Rejection rejection,
            Optional<String> challenge) {
        ingress.metrics()
                .refused(
                        namespace == null ? MetricNames.UNKNOWN : namespace,
                        broker == null ? MetricNames.UNKNOWN : broker,
                        rejection.status());
        Answers.rejected(request.response(), rejection, challenge);
        if (Answers.leavesBodyUnread(rejection.kind())) {
            discardThenClose(request);
        }
    }

    /**
     * After a 413 decided from Content-Length, or a 401/403: discard what the client still sends and close when it is
     * done, or at the request deadline (closing with unread bytes pending would reset the connection and
     * could lose the answer).
     */
    private void discardThenClose(HttpServerRequest request) {
        request.handler(chunk -> {});
        request.endHandler(ignored -> request.connection().close());
        request.resume();
        ingress.vertx().setTimer(ingress.limits().requestTimeout().toMillis(), id -> request.connection()
                .close());
    }

    /** The two path segments of {@code /{namespace}/{broker}}, or null for any other path. */
    static String[] segments(String path) {
        if (path == null || path.length() < 4 || path.charAt(0) != '/') {
            return null;
        }
        int slash = path.indexOf('/', 1);
        if (slash < 2 || slash == path.length() - 1 || path.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new String[] {path.substring(1, slash), path.substring(slash + 1)};
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
