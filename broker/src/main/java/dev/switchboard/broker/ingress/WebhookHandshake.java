package dev.switchboard.broker.ingress;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The CloudEvents webhook abuse-protection handshake
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/http-webhook.md#4-abuse-protection): an
 * {@code OPTIONS} preflight with {@code WebHook-Request-Origin} is granted with
 * {@code WebHook-Allowed-Origin} and {@code WebHook-Allowed-Rate}.
 */
final class WebhookHandshake {
    static final String REQUEST_ORIGIN = "WebHook-Request-Origin";
    static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";
    static final String ALLOWED_RATE = "WebHook-Allowed-Rate";

    private WebhookHandshake() {}

    static void answer(HttpServerRequest request) {
        String origin = request.getHeader(REQUEST_ORIGIN);
        var response = request.response().putHeader(HttpHeaders.ALLOW, Answers.ALLOW);
        if (origin != null && !origin.isBlank()) {
            response.putHeader(ALLOWED_ORIGIN, origin.trim()).putHeader(ALLOWED_RATE, "*");
        }
        response.setStatusCode(200).end();
    }
}
