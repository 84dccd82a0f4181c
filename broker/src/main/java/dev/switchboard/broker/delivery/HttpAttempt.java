package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.AttemptResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One POST with a deadline: resolve and pass the egress guard, connect, send, read the whole answer, all within
 * the policy's per-attempt {@code timeout} (docs/delivery.md "Retry policy", §7 "Egress guard"). Redirects are never followed (docs/delivery.md "Request"): a 3xx is an
 * answer like any other. The body is kept up to a limit and drained past it, so a huge answer costs no memory.
 */
final class HttpAttempt {
    private final Vertx vertx;
    private final int maxBodyBytes;
    private final EgressGuard egress;

    HttpAttempt(Vertx vertx, int maxBodyBytes, EgressGuard egress) {
        this.vertx = vertx;
        this.maxBodyBytes = maxBodyBytes;
        this.egress = egress;
    }

    /** Posts {@code request} to {@code url}; the future always succeeds, with the answer or why there was none. */
    Future<Exchange> post(Supplier<Future<HttpClient>> client, URI url, OutgoingRequest request, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        Promise<Exchange> done = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long deadline = vertx.setTimer(millis, id -> {
            if (done.tryComplete(new Exchange.Unanswered(new AttemptResult.Timeout()))) {
                HttpClientRequest inFlight = sent.get();
                if (inFlight != null) {
                    inFlight.reset();
                }
            }
        });
        egress.check(url).onComplete(checked -> {
            if (checked.failed()) {
                vertx.cancelTimer(deadline);
                done.tryComplete(new Exchange.Unanswered(new AttemptResult.TransportError(
                        "cannot resolve " + url.getHost() + ": " + describe(checked.cause()))));
            } else if (checked.result() instanceof EgressCheck.Refused refused) {
                vertx.cancelTimer(deadline);
                done.tryComplete(new Exchange.Refused(refused.reason()));
            } else {
                InetAddress address = ((EgressCheck.Allowed) checked.result()).address();
                client.get().onComplete(pool -> {
                    if (pool.failed()) {
                        vertx.cancelTimer(deadline);
                        done.tryComplete(new Exchange.Unanswered(new AttemptResult.TransportError(
                                pool.cause() instanceof IllegalArgumentException
                                        ? pool.cause().getMessage()
                                        : describe(pool.cause()))));
                    } else if (!done.future().isComplete()) {
                        send(pool.result(), url, address, request, millis, sent, deadline, done);
                    }
                });
            }
        });
        return done.future();
    }

    /** Connects to exactly the address the guard allowed; the Host header and TLS SNI keep the URL's name. */
    private void send(
            HttpClient client,
            URI url,
            InetAddress address,
            OutgoingRequest request,
            long millis,
            AtomicReference<HttpClientRequest> sent,
            long deadline,
            Promise<Exchange> done) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        // the parts of the already parsed URI, as setAbsoluteURI would set them from a string parsed anew per attempt;
        // the request copies the headers into its own, so the encoded ones are shared between attempts
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(millis)
                .setHeaders(request.headers())
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)));
        client.request(options)
                .compose(httpRequest -> {
                    sent.set(httpRequest);
                    return httpRequest.send(request.body());
                })
                .compose(this::read)
                .onComplete(outcome -> {
                    vertx.cancelTimer(deadline);
                    if (outcome.succeeded()) {
                        done.tryComplete(outcome.result());
                    } else {
                        done.tryComplete(
                                new Exchange.Unanswered(new AttemptResult.TransportError(describe(outcome.cause()))));
                    }
                });
    }

    private Future<Exchange> read(HttpClientResponse response) {
        Promise<Exchange> whole = Promise.promise();
        Buffer kept = Buffer.buffer();
        boolean[] truncated = {false};
        response.handler(chunk -> {
            int room = maxBodyBytes - kept.length();
            if (chunk.length() <= room) {
                kept.appendBuffer(chunk);
            } else {
                if (room > 0) {
                    kept.appendBuffer(chunk, 0, room);
                }
                truncated[0] = true;
            }
        });
        response.exceptionHandler(whole::tryFail);
        response.endHandler(ignored -> whole.tryComplete(new Exchange.Answered(
                response.statusCode(),
                MultiMap.caseInsensitiveMultiMap().addAll(response.headers()),
                kept.getBytes(),
                truncated[0])));
        return whole.future();
    }

    /** The error and, when it wraps another (a TLS handshake failure), the root cause saying what failed. */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        String described = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error && root.getMessage() != null && !root.getMessage().equals(message)) {
            described += " (" + root.getMessage() + ")";
        }
        return described;
    }
}
