package dev.switchboard.broker.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /} (docs/operations.md): one self-contained HTML page (its CSS and script inline, nothing fetched from
 * elsewhere) that polls {@code /api/v1/overview} every two seconds and draws brokers, triggers, rates,
 * latency, lag, dead letters and the last errors. Read from the jar once.
 */
final class StatusPage {
    static final String RESOURCE = "/dev/switchboard/broker/ops/status.html";

    private final Buffer html;

    StatusPage() {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("status page missing from the jar: " + RESOURCE);
            }
            html = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
                .end(html);
    }
}
