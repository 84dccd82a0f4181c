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
        return new Attempt(url, request, Math.max(1, timeout.toMillis())).run(client);
    }

    /**
     * One POST on its way. Its deadline ends it at whichever step it is, and resets the request if one was made:
     *
     * <pre>
     *   egress check ─failed─▶ Unanswered(TransportError)   ─refused─▶ Refused
     *        │ allowed: the address to connect to
     *   connection pool ─failed─▶ Unanswered(TransportError)
     *        │
     *   request ─▶ send ─▶ read the whole answer ─▶ Answered, or Unanswered(TransportError)
     *
     *   the deadline first, at any step ─▶ Unanswered(Timeout); the request, made before or after, is reset
     * </pre>
     */
    private final class Attempt {
        private final URI url;
        private final OutgoingRequest request;
        private final long millis;
        private final Promise<Exchange> done = Promise.promise();
        private final long deadline;
        private volatile HttpClientRequest made;

        Attempt(URI url, OutgoingRequest request, long millis) {
            this.url = url;
            this.request = request;
            this.millis = millis;
            this.deadline = vertx.setTimer(millis, id -> timedOut());
        }

        Future<Exchange> run(Supplier<Future<HttpClient>> client) {
            egress.check(url)
                    .transform(checked -> {
                        if (checked.failed()) {
                            return unanswered("cannot resolve " + url.getHost() + ": " + describe(checked.cause()));
                        }
                        if (checked.result() instanceof EgressCheck.Refused refused) {
                            return Future.succeededFuture(new Exchange.Refused(refused.reason()));
                        }
                        InetAddress address = ((EgressCheck.Allowed) checked.result()).address();
                        return client.get().transform(pool -> {
                            if (pool.failed()) {
                                return unanswered(
                                        pool.cause() instanceof IllegalArgumentException
                                                ? pool.cause().getMessage()
                                                : describe(pool.cause()));
                            }
                            return done.future().isComplete() ? done.future() : send(pool.result(), address);
                        });
                    })
                    .onComplete(outcome -> {
                        vertx.cancelTimer(deadline);
                        done.tryComplete(outcome.succeeded() ? outcome.result() : transportError(outcome.cause()));
                    });
            return done.future();
        }

        /** Connects to exactly the address the guard allowed; the Host header and TLS SNI keep the URL's name. */
        private Future<Exchange> send(HttpClient client, InetAddress address) {
            boolean tls = "https".equalsIgnoreCase(url.getScheme());
            int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            // the parts of the already parsed URI, as setAbsoluteURI would set them from a string parsed anew per
            // attempt; the request copies the headers into its own, so the encoded ones are shared between attempts
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
            return client.request(options)
                    .compose(httpRequest -> {
                        made = httpRequest;
                        if (done.future().isComplete()) {
                            // the deadline passed while the connection was being had: nothing is sent
                            httpRequest.reset();
                            return done.future();
                        }
                        return httpRequest.send(request.body()).compose(HttpAttempt.this::read);
                    })
                    .otherwise(this::transportError);
        }

        private void timedOut() {
            if (done.tryComplete(new Exchange.Unanswered(new AttemptResult.Timeout()))) {
                HttpClientRequest inFlight = made;
                if (inFlight != null) {
                    inFlight.reset();
                }
            }
        }

        private Future<Exchange> unanswered(String why) {
            return Future.succeededFuture(new Exchange.Unanswered(new AttemptResult.TransportError(why)));
        }

        private Exchange transportError(Throwable cause) {
            return new Exchange.Unanswered(new AttemptResult.TransportError(describe(cause)));
        }
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
