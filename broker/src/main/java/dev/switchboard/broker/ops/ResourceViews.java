package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerStatus;
import dev.switchboard.triggers.reload.Generation;
import dev.switchboard.triggers.reload.ReloadResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The JSON bodies of the resources API (docs/operations.md "API shapes"): each Broker and Trigger as loaded plus a
 * {@code status} with Knative-style conditions, resolved URIs and the counters read from the registry, and
 * the config status ({@code generation}, {@code lastReload}).
 */
final class ResourceViews {
    static final String TOPIC_NOT_FOUND = "TopicNotFound";

    private final ConfigStatus config;
    private final MeterReadings meters;
    private final HealthChecks readiness;
    private final TriggerConditions triggerConditions;
    private final DeliveryFailures failures;
    private final URI ingressUrl;
    private final ServedSince servedSince;
    private final KnativeJson knative = new KnativeJson();

    /**
     * @param ingressUrl the ingress base URL as clients reach it, e.g. {@code http://127.0.0.1:8080}
     * @param servedSince when each resource started being served, shown as {@code status.servedSince}
     */
    ResourceViews(
            ConfigStatus config,
            MeterReadings meters,
            HealthChecks readiness,
            TriggerConditions triggerConditions,
            DeliveryFailures failures,
            URI ingressUrl,
            ServedSince servedSince) {
        this.config = config;
        this.meters = meters;
        this.readiness = readiness;
        this.triggerConditions = triggerConditions;
        this.failures = failures;
        this.ingressUrl = ingressUrl;
        this.servedSince = servedSince;
    }

    JsonObject brokers() {
        HealthChecks.Report ready = readiness.run();
        JsonArray items = new JsonArray();
        config.resources().brokers().forEach(broker -> items.add(broker(broker, ready)));
        return new JsonObject().put("items", items);
    }

    JsonObject triggers() {
        ResourceSet resources = config.resources();
        JsonArray items = new JsonArray();
        resources.triggers().forEach(trigger -> items.add(trigger(trigger, resources.status(trigger.id()))));
        return new JsonObject().put("items", items);
    }

    JsonObject status() {
        Generation current = config.current().get();
        JsonObject body = new JsonObject().put("generation", current.number());
        config.lastReload()
                .get()
                .ifPresentOrElse(
                        result -> body.put("lastReload", reload(result)),
                        () -> body.put(
                                "lastReload",
                                new JsonObject()
                                        .put("result", ReloadResult.Outcome.APPLIED.wireName())
                                        .put("time", current.appliedAt().toString())
                                        .put("errors", new JsonArray())));
        return body;
    }

    /** Overall dispatch latency, for the status page. */
    JsonObject dispatchLatency() {
        return latency(meters.dispatchLatency());
    }

    private JsonObject broker(Broker broker, HealthChecks.Report ready) {
        String url = ingressUrl.toString().replaceAll("/+$", "") + "/"
                + broker.id().namespace() + "/" + broker.id().name();
        JsonObject ingress = ready.passed()
                ? condition("IngressReady", "True", "Ready", "accepting events at " + url)
                : condition("IngressReady", "False", "IngressNotReady", String.join("; ", ready.problems()));
        BrokerTopicState topics = config.topics().apply(broker.id());
        JsonObject readyCondition = topics.missingTopic()
                .map(topic -> condition("Ready", "False", TOPIC_NOT_FOUND, topicNotFound(topic)))
                .orElseGet(() -> ingress.copy().put("type", "Ready"));
        JsonArray conditions = new JsonArray()
                .add(readyCondition)
                .add(condition("Addressable", "True", "Addressable", url))
                .add(ingress)
                .add(topics.missingTopic()
                        .map(topic -> condition("TopicReady", "False", TOPIC_NOT_FOUND, topicNotFound(topic)))
                        .orElseGet(() -> condition("TopicReady", "True", "TopicReady", "")));
        if (!topics.differences().isEmpty()) {
            // docs/configuration.md "Broker annotations": a warning, the broker stays Ready; the topic is not altered
            conditions.add(condition(
                            "TopicSettingsMatch",
                            "False",
                            "TopicSettingsDiffer",
                            String.join("; ", topics.differences()) + "; the topic is left as it is")
                    .put("severity", "Warning"));
        }
        MeterReadings.BrokerNumbers numbers = meters.broker(broker.id());
        JsonObject status = new JsonObject()
                .put("conditions", conditions)
                .put("address", new JsonObject().put("url", url))
                .put(
                        "counters",
                        new JsonObject().put("accepted", numbers.accepted()).put("rejected", numbers.rejected()));
        servedSince.of("Broker", broker.id()).ifPresent(time -> status.put("servedSince", time.toString()));
        return knative.broker(broker).put("status", status);
    }

    private static String topicNotFound(String topic) {
        return "external topic " + topic + " does not exist; the broker becomes Ready when it is created";
    }

    private JsonObject trigger(Trigger trigger, TriggerStatus status) {
        MeterReadings.TriggerNumbers numbers = meters.trigger(trigger.id());
        JsonObject counters = new JsonObject()
                .put("delivered", numbers.delivered())
                .put("retried", numbers.retried())
                .put("failed", numbers.failed())
                .put("deadLettered", numbers.deadLettered())
                .put("replies", numbers.replies());
        JsonArray conditions = triggerConditions.of(trigger, status);
        JsonObject json = new JsonObject()
                .put("conditions", conditions)
                .put("subscriberUri", status.subscriberUri().map(URI::toString).orElse(null))
                .put(
                        "deadLetterSinkUri",
                        status.deadLetterSinkUri().map(URI::toString).orElse(null))
                .put("counters", counters)
                .put("lag", Math.round(numbers.lag()))
                .put("oldestUndeliveredAgeSeconds", numbers.oldestUndeliveredAgeSeconds())
                .put("dispatchLatency", latency(numbers.latency()));
        servedSince.of("Trigger", trigger.id()).ifPresent(time -> json.put("servedSince", time.toString()));
        failures.of(trigger.id()).ifPresent(record -> json.put("lastFailure", lastFailure(record)));
        return knative.trigger(trigger).put("status", json);
    }

    private static JsonObject condition(String type, String status, String reason, String message) {
        return TriggerConditions.condition(type, status, reason, message);
    }

    /**
     * docs/operations.md {@code lastFailure}: {@code time}, {@code status} (absent after a transport error) and
     * {@code message} of the most recent failed attempt; plus (additions) the {@code url} it went to, and
     * {@code failuresSinceDelivered} with {@code firstFailureSinceDelivered}: how many attempts failed since the
     * subscriber last took an event, and since when.
     */
    private static JsonObject lastFailure(DeliveryFailures.Record record) {
        DeliveryFailures.Failure last = record.last();
        JsonObject json = new JsonObject().put("time", last.time().toString());
        last.status().ifPresent(status -> json.put("status", status));
        json.put("message", last.message())
                .put("url", last.url().toString())
                .put("failuresSinceDelivered", record.sinceDelivered());
        record.firstSinceDelivered().ifPresent(first -> json.put("firstFailureSinceDelivered", first.toString()));
        return json;
    }

    private static JsonObject reload(ReloadResult result) {
        JsonArray errors = new JsonArray();
        List<Diagnostic> diagnostics =
                result.diagnostics().stream().filter(Diagnostic::isError).toList();
        for (Diagnostic diagnostic : diagnostics) {
            errors.add(new JsonObject()
                    .put("file", diagnostic.file())
                    .put("line", diagnostic.line())
                    .put("column", diagnostic.column())
                    .put(
                            "message",
                            diagnostic.path().isEmpty()
                                    ? diagnostic.message()
                                    : diagnostic.path() + ": " + diagnostic.message()));
        }
        return new JsonObject()
                .put("result", result.outcome().wireName())
                .put("time", result.time().toString())
                .put("errors", errors);
    }

    private static JsonObject latency(LatencySummary summary) {
        return new JsonObject()
                .put("count", summary.count())
                .put("p50Seconds", value(summary.p50Seconds()))
                .put("p99Seconds", value(summary.p99Seconds()));
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
