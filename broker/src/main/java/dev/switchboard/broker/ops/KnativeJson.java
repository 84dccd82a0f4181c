package dev.switchboard.broker.ops;

import dev.switchboard.triggers.model.Broker;
import dev.switchboard.triggers.model.Condition;
import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.ObjectMeta;
import dev.switchboard.triggers.model.Trigger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the model records back to the Knative-shaped JSON they were loaded from (docs/operations.md "API shapes":
 * {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}), so {@code /api/v1/triggers} shows a
 * trigger as its author wrote it: {@code filter.attributes} or {@code filters} with the Subscriptions API
 * dialects, {@code subscriber} as {@code ref}/{@code uri}, {@code delivery} with ISO-8601 durations.
 */
final class KnativeJson {
    static final String API_VERSION = "eventing.knative.dev/v1";

    JsonObject broker(Broker broker) {
        JsonObject spec = new JsonObject();
        broker.spec().delivery().ifPresent(delivery -> spec.put("delivery", delivery(delivery)));
        return resource("Broker", broker.metadata(), spec);
    }

    JsonObject trigger(Trigger trigger) {
        JsonObject spec = new JsonObject().put("broker", trigger.spec().broker());
        FilterSpec filter = trigger.spec().filter();
        if (filter instanceof FilterSpec.Attributes attributes) {
            spec.put("filter", new JsonObject().put("attributes", sorted(attributes.attributes())));
        } else if (filter instanceof FilterSpec.All all) {
            spec.put("filters", filters(all.filters()));
        } else if (!(filter instanceof FilterSpec.MatchAll)) {
            spec.put("filters", new JsonArray().add(filter(filter)));
        }
        spec.put("subscriber", destination(trigger.spec().subscriber()));
        trigger.spec().delivery().ifPresent(delivery -> spec.put("delivery", delivery(delivery)));
        return resource("Trigger", trigger.metadata(), spec);
    }

    JsonArray conditions(List<Condition> conditions) {
        JsonArray array = new JsonArray();
        for (Condition condition : conditions) {
            array.add(new JsonObject()
                    .put("type", condition.type().wireName())
                    .put("status", condition.status().wireName())
                    .put("reason", condition.reason())
                    .put("message", condition.message()));
        }
        return array;
    }

    private static JsonObject resource(String kind, ObjectMeta meta, JsonObject spec) {
        JsonObject metadata = new JsonObject()
                .put("name", meta.name())
                .put("namespace", meta.namespace())
                .put("generation", meta.generation());
        if (!meta.labels().isEmpty()) {
            metadata.put("labels", sorted(meta.labels()));
        }
        if (!meta.annotations().isEmpty()) {
            metadata.put("annotations", sorted(meta.annotations()));
        }
        return new JsonObject()
                .put("apiVersion", API_VERSION)
                .put("kind", kind)
                .put("metadata", metadata)
                .put("spec", spec);
    }

    private JsonArray filters(List<FilterSpec> filters) {
        JsonArray array = new JsonArray();
        filters.forEach(f -> array.add(filter(f)));
        return array;
    }

    /** One Subscriptions API filter expression (https://github.com/cloudevents/spec/blob/main/subscriptions/spec.md#324-filters). */
    private JsonObject filter(FilterSpec filter) {
        if (filter instanceof FilterSpec.Exact exact) {
            return new JsonObject().put("exact", sorted(exact.attributes()));
        } else if (filter instanceof FilterSpec.Prefix prefix) {
            return new JsonObject().put("prefix", sorted(prefix.attributes()));
        } else if (filter instanceof FilterSpec.Suffix suffix) {
            return new JsonObject().put("suffix", sorted(suffix.attributes()));
        } else if (filter instanceof FilterSpec.All all) {
            return new JsonObject().put("all", filters(all.filters()));
        } else if (filter instanceof FilterSpec.Any any) {
            return new JsonObject().put("any", filters(any.filters()));
        } else if (filter instanceof FilterSpec.Not not) {
            return new JsonObject().put("not", filter(not.filter()));
        } else if (filter instanceof FilterSpec.Cesql cesql) {
            return new JsonObject().put("cesql", cesql.expression());
        } else if (filter instanceof FilterSpec.Attributes attributes) {
            return new JsonObject().put("exact", sorted(attributes.attributes()));
        }
        return new JsonObject();
    }

    private static JsonObject destination(Destination destination) {
        JsonObject json = new JsonObject();
        destination.ref().ifPresent(ref -> {
            JsonObject refJson = new JsonObject();
            if (ref.apiVersion() != null) {
                refJson.put("apiVersion", ref.apiVersion());
            }
            refJson.put("kind", ref.kind());
            if (ref.namespace() != null) {
                refJson.put("namespace", ref.namespace());
            }
            json.put("ref", refJson.put("name", ref.name()));
        });
        destination.uri().ifPresent(uri -> json.put("uri", uri.toString()));
        return json;
    }

    private static JsonObject delivery(DeliverySpec delivery) {
        JsonObject json = new JsonObject();
        delivery.deadLetterSink().ifPresent(sink -> json.put("deadLetterSink", destination(sink)));
        delivery.retry().ifPresent(retry -> json.put("retry", retry));
        delivery.backoffPolicy().ifPresent(policy -> json.put("backoffPolicy", lower(policy.name())));
        delivery.backoffDelay().ifPresent(delay -> json.put("backoffDelay", delay.toString()));
        delivery.timeout().ifPresent(timeout -> json.put("timeout", timeout.toString()));
        delivery.retryAfterMax().ifPresent(max -> json.put("retryAfterMax", max.toString()));
        delivery.format().ifPresent(format -> json.put("format", lower(format.name())));
        return json;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static JsonObject sorted(Map<String, String> map) {
        return new JsonObject(new java.util.LinkedHashMap<>(new TreeMap<String, Object>(map)));
    }
}
