package dev.switchboard.broker.ingress;

import dev.switchboard.broker.codec.ContentMode;
import dev.switchboard.broker.codec.ReadResult;
import dev.switchboard.broker.codec.Rejection;
import dev.switchboard.broker.ingress.auth.Principal;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One event request from arrival to answer, on its connection's event loop:
 *
 * <pre>
 *   reading body ──over max──▶ 413 (close)      ──deadline──▶ 408 (close)
 *        │ end
 *        ▼
 *   reader (binary | structured | batch) ──invalid──▶ 400
 *        │ events
 *        ▼
 *   appending to Kafka ──all acked──▶ 202    ──failed or deadline──▶ 503 + Retry-After
 * </pre>
 *
 * It answers exactly once, and gives back its in-flight permit only when the answer is sent and no
 * append is still pending, so memory held for Kafka stays under the cap even when Kafka is down.
 */
final class EventExchange {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final IngressContext ingress;
    private final HttpServerRequest request;
    private final String namespace;
    private final String broker;
    private final BrokerRoute route;
    private final Principal principal;
    private final ContentMode mode;
    private final long startNanos;
    private final Buffer body;
    private long deadlineTimer;
    private boolean answered;
    private boolean bodyComplete;
    private boolean appendPending;
    private boolean released;
    private boolean closeWhenBodyEnds;

    EventExchange(
            IngressContext ingress,
            HttpServerRequest request,
            String namespace,
            String broker,
            BrokerRoute route,
            Principal principal,
            ContentMode mode) {
        this.ingress = ingress;
        this.request = request;
        this.namespace = namespace;
        this.broker = broker;
        this.route = route;
        this.principal = principal;
        this.mode = mode;
        this.startNanos = System.nanoTime();
        String length = request.getHeader("content-length");
        int initial = length == null
                ? 4096
                : (int) Math.min(Long.parseLong(length), ingress.limits().maxEventBytes());
        this.body = Buffer.buffer(Math.max(initial, 16));
    }

    /** Starts reading the body (resuming the request if it was paused while credentials were checked). */
    void start() {
        Vertx vertx = ingress.vertx();
        deadlineTimer = vertx.setTimer(ingress.limits().requestTimeout().toMillis(), id -> onDeadline());
        request.handler(this::onChunk);
        request.exceptionHandler(this::onRequestError);
        request.endHandler(ignored -> onBodyEnd());
        request.resume();
    }

    private void onChunk(Buffer chunk) {
        if (answered) {
            return;
        }
        if (body.length() + chunk.length() > ingress.limits().maxEventBytes()) {
            answerAndClose(Rejection.of(
                    Rejection.Kind.TOO_LARGE,
                    "the body exceeds the maximum event size of "
                            + ingress.limits().maxEventBytes() + " bytes"));
            return;
        }
        body.appendBuffer(chunk);
    }

    private void onBodyEnd() {
        bodyComplete = true;
        if (closeWhenBodyEnds) {
            request.connection().close();
        }
        if (answered) {
            return;
        }
        byte[] bytes = body.getBytes();
        ReadResult result = ingress.reader().read(mode, request.headers(), bytes);
        if (result.rejection().isPresent()) {
            answer(result.rejection().get());
            return;
        }
        List<CloudEvent> events = result.events();
        if (route.options().recordAuthContext()) {
            events = ingress.authContext().stamp(events, principal);
        }
        append(events);
    }

    private void append(List<CloudEvent> events) {
        Map<String, String> transport = transportHeaders();
        List<Future<Void>> appends = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            appends.add(ingress.appender().append(route.topic(), event, transport));
        }
        appendPending = true;
        Future.all(appends).onComplete(done -> {
            appendPending = false;
            if (done.succeeded()) {
                answerAccepted(events);
            } else {
                answer(Rejection.of(
                        Rejection.Kind.UNAVAILABLE,
                        "the event log did not store the event: " + done.cause().getMessage()));
            }
        });
    }

    private Map<String, String> transportHeaders() {
        String traceparent = request.getHeader("traceparent");
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("traceparent", traceparent);
        String tracestate = request.getHeader("tracestate");
        if (tracestate != null && !tracestate.isEmpty()) {
            headers.put("tracestate", tracestate);
        }
        return headers;
    }

    private void onDeadline() {
        if (closeWhenBodyEnds) {
            request.connection().close();
        }
        if (answered) {
            return;
        }
        if (!bodyComplete) {
            answerAndClose(Rejection.of(
                    Rejection.Kind.REQUEST_TIMEOUT, "the request was not received within the request deadline"));
        } else {
            answer(Rejection.of(
                    Rejection.Kind.UNAVAILABLE, "the event log did not acknowledge within the request deadline"));
        }
    }

    /** Metrics and the permit are settled before the answer is written, so a client never sees them lag. */
    private void answerAccepted(List<CloudEvent> events) {
        if (answered) {
            finish();
            return;
        }
        answered = true;
        ingress.metrics().accepted(namespace, broker, events, System.nanoTime() - startNanos);
        finish();
        Answers.accepted(request.response());
    }

    private void answer(Rejection rejection) {
        if (answered) {
            finish();
            return;
        }
        answered = true;
        ingress.metrics().refused(namespace, broker, rejection.status());
        finish();
        Answers.rejected(request.response(), rejection);
    }

    /**
     * Answers at once and closes the connection once the client has finished sending (the rest of the body
     * is discarded) or at the deadline, whichever comes first: closing while unread bytes are pending would
     * reset the connection and could lose the answer.
     */
    private void answerAndClose(Rejection rejection) {
        if (answered) {
            return;
        }
        answered = true;
        closeWhenBodyEnds = true;
        ingress.metrics().refused(namespace, broker, rejection.status());
        Answers.rejected(request.response(), rejection);
        if (bodyComplete) {
            request.connection().close();
        }
        finish();
    }

    /**
     * The body could not be read: a framing error (bad chunk) is answered 400 and the connection closed; a
     * connection that is already gone gets no answer, and the permit comes back either way.
     */
    private void onRequestError(Throwable error) {
        if (answered || request.connection() == null) {
            answered = true;
            finish();
            return;
        }
        bodyComplete = true;
        answerAndClose(Rejection.invalid(null, "the request body is malformed: " + error.getMessage()));
    }

    private void finish() {
        if (answered && !appendPending && !released) {
            released = true;
            if (!closeWhenBodyEnds || bodyComplete) {
                ingress.vertx().cancelTimer(deadlineTimer);
            }
            ingress.limiter().release();
        }
    }
}
