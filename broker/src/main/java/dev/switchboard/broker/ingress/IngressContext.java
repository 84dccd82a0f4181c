package dev.switchboard.broker.ingress;

import dev.switchboard.broker.codec.EventReader;
import dev.switchboard.broker.ingress.auth.AuthContextStamp;
import dev.switchboard.broker.ingress.auth.IngressAuthenticator;
import dev.switchboard.broker.log.EventAppender;
import io.vertx.core.Vertx;

/** What every ingress exchange shares: built once per server. */
record IngressContext(
        Vertx vertx,
        IngressLimits limits,
        EventReader reader,
        EventAppender appender,
        IngressMetrics metrics,
        InFlightLimiter limiter,
        IngressAuthenticator auth,
        AuthContextStamp authContext) {}
