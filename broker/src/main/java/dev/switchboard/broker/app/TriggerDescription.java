package dev.switchboard.broker.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code switchboard describe NS/TRIGGER} (docs/cli.md), laid out as {@code kn trigger describe}: the
 * metadata, the spec (broker, filter, subscriber, delivery options), the conditions with {@code ++} for True,
 * {@code !!} for False and {@code ??} for Unknown, the counters with lag and the oldest undelivered event's age,
 * and the last failed attempt ({@code status.lastFailure} of docs/operations.md).
 */
final class TriggerDescription {
    private static final int KEY_WIDTH = 23;
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final StringBuilder text = new StringBuilder();
    private final Instant now;

    private TriggerDescription(Instant now) {
        this.now = now;
    }

    /** Describes one item of {@code /api/v1/triggers}, ages counted up to {@code now}. */
    static String of(JsonNode trigger, Instant now) {
        return new TriggerDescription(now).describe(trigger);
    }

    private String describe(JsonNode trigger) {
        JsonNode metadata = trigger.path("metadata");
        JsonNode spec = trigger.path("spec");
        JsonNode status = trigger.path("status");
        field("", "Name", metadata.path("name").asText());
        field("", "Namespace", metadata.path("namespace").asText());
        field("", "Labels", pairs(metadata.path("labels")));
        field("", "Annotations", pairs(metadata.path("annotations")));
        field("", "Age", Age.since(status.path("servedSince").asText(""), now));
        field("", "Generation", metadata.path("generation").asText());
        field("", "Broker", spec.path("broker").asText());
        filter(spec);
        text.append("\nSubscriber:\n");
        destination(spec.path("subscriber"), status.path("subscriberUri"), "  ");
        delivery(spec.path("delivery"), status.path("deadLetterSinkUri"));
        conditions(status.path("conditions"));
        counters(status);
        lastFailure(status.path("lastFailure"));
        return text.toString();
    }

    private void filter(JsonNode spec) {
        text.append("Filter:\n");
        if (spec.path("filter").path("attributes").isObject()) {
            spec.path("filter")
                    .path("attributes")
                    .fields()
                    .forEachRemaining(attribute ->
                            field("  ", attribute.getKey(), attribute.getValue().asText()));
        } else if (spec.path("filters").isArray()) {
            yaml(spec.path("filters"))
                    .lines()
                    .forEach(line -> text.append("  ").append(line).append('\n'));
        } else {
            text.append("  (every event)\n");
        }
    }

    private void destination(JsonNode destination, JsonNode resolved, String indent) {
        JsonNode ref = destination.path("ref");
        if (ref.isObject()) {
            String apiVersion = ref.path("apiVersion").asText("");
            field(
                    "  ",
                    "Ref",
                    ref.path("kind").asText() + " " + ref.path("name").asText()
                            + (apiVersion.isEmpty() ? "" : " (" + apiVersion + ")")
                            + (ref.has("namespace")
                                    ? " in " + ref.path("namespace").asText()
                                    : ""));
        }
        field(indent, "URI", destination.path("uri").asText(""));
        field(indent, "Resolved", resolved.isTextual() ? resolved.asText() : "(not resolved)");
    }

    private void delivery(JsonNode delivery, JsonNode deadLetterSinkUri) {
        text.append("\nDelivery:\n");
        if (!delivery.isObject() || delivery.isEmpty()) {
            text.append("  (the broker's delivery options, else the defaults of docs/delivery.md)\n");
            return;
        }
        field("  ", "Retry", delivery.path("retry").asText(""));
        field("  ", "Backoff policy", delivery.path("backoffPolicy").asText(""));
        field("  ", "Backoff delay", delivery.path("backoffDelay").asText(""));
        field("  ", "Timeout", delivery.path("timeout").asText(""));
        field("  ", "Retry-After max", delivery.path("retryAfterMax").asText(""));
        field("  ", "Format", delivery.path("format").asText(""));
        if (delivery.path("deadLetterSink").isObject()) {
            text.append("  Dead letter sink:\n");
            destination(delivery.path("deadLetterSink"), deadLetterSinkUri, "    ");
        }
    }

    private void conditions(JsonNode conditions) {
        text.append("\nConditions:\n");
        TextTable table = new TextTable(List.of("OK", "TYPE", "REASON", "MESSAGE"));
        for (JsonNode condition : conditions) {
            String status = condition.path("status").asText();
            table.add(List.of(
                    switch (status) {
                        case "True" -> "++";
                        case "False" -> "!!";
                        default -> "??";
                    },
                    condition.path("type").asText(),
                    "True".equals(status) ? "" : condition.path("reason").asText(""),
                    "True".equals(status) ? "" : condition.path("message").asText("")));
        }
        table.render().lines().forEach(line -> text.append("  ").append(line).append('\n'));
    }

    private void counters(JsonNode status) {
        JsonNode counters = status.path("counters");
        text.append("\nCounters:\n");
        field("  ", "Delivered", counters.path("delivered").asText("0"));
        field("  ", "Retried", counters.path("retried").asText("0"));
        field("  ", "Failed", counters.path("failed").asText("0"));
        field("  ", "Dead-lettered", counters.path("deadLettered").asText("0"));
        field("  ", "Replies", counters.path("replies").asText("0"));
        field("  ", "Lag", status.path("lag").asText("0") + " events");
        double oldest = status.path("oldestUndeliveredAgeSeconds").asDouble(0);
        field(
                "  ",
                "Oldest undelivered",
                oldest <= 0 ? "none" : Age.of(java.time.Duration.ofMillis(Math.round(oldest * 1000))));
    }

    private void lastFailure(JsonNode failure) {
        text.append("\nLast failure:\n");
        if (!failure.isObject()) {
            text.append("  none\n");
            return;
        }
        String time = failure.path("time").asText("");
        field("  ", "Time", time + " (" + Age.since(time, now) + " ago)");
        field(
                "  ",
                "Status",
                failure.path("status").isNumber() ? failure.path("status").asText() : "none (transport error)");
        field("  ", "Message", failure.path("message").asText(""));
        field("  ", "URL", failure.path("url").asText(""));
        if (failure.has("failuresSinceDelivered")) {
            String first = failure.path("firstFailureSinceDelivered").asText("");
            field(
                    "  ",
                    "Failed attempts",
                    failure.path("failuresSinceDelivered").asText() + " since the last delivery"
                            + (first.isEmpty() ? "" : ", the first at " + first));
        }
    }

    /** {@code Key:} padded to a common width, then the value; nothing when the value is empty. */
    private void field(String indent, String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        String label = key + ":";
        text.append(indent)
                .append(label)
                .append(" ".repeat(Math.max(1, KEY_WIDTH - indent.length() - label.length())))
                .append(value)
                .append('\n');
    }

    private static String pairs(JsonNode map) {
        List<String> pairs = new ArrayList<>();
        map.fields()
                .forEachRemaining((Map.Entry<String, JsonNode> entry) ->
                        pairs.add(entry.getKey() + "=" + entry.getValue().asText()));
        return String.join(", ", pairs);
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
