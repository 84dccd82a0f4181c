package dev.switchboard.broker.delivery;

import dev.switchboard.broker.config.EgressConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * How deliveries leave the process (docs/security.md, docs/tracing.md): the guard every subscriber and sink address
 * passes at connect time, where its refusals are recorded for the trigger's condition, the credentials triggers name,
 * and the tracer of each attempt.
 */
public record DeliveryEgress(
        EgressGuard guard, EgressRefusals refusals, EgressCredentials credentials, DeliveryTracer tracer) {

    /** The guard of {@code config}, refusals recorded in {@code refusals}, no credentials, no tracing. */
    public static DeliveryEgress of(Vertx vertx, EgressConfig config, EgressRefusals refusals) {
        return new DeliveryEgress(
                EgressGuard.of(vertx, config), refusals, EgressCredentials.none(), DeliveryTracer.OFF);
    }

    /** The default guard (no allow or deny list of its own), no credentials, no tracing. */
    public static DeliveryEgress open(Vertx vertx) {
        return of(vertx, new EgressConfig(List.of(), List.of()), new EgressRefusals(Clock.systemUTC()));
    }

    /** The same, presenting {@code credentials} to the subscribers and sinks that name them. */
    public DeliveryEgress withCredentials(EgressCredentials credentials) {
        return new DeliveryEgress(guard, refusals, credentials, tracer);
    }

    /** The same, tracing each attempt with {@code tracer}. */
    public DeliveryEgress withTracer(DeliveryTracer tracer) {
        return new DeliveryEgress(guard, refusals, credentials, tracer);
    }
}
