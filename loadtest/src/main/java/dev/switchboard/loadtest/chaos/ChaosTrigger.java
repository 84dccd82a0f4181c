package dev.switchboard.loadtest.chaos;

import java.util.List;
import java.util.function.Predicate;

/**
 * One trigger of the chaos soak, as the scenario sees it: its name, which event types it matches (the same rule
 * its YAML filter states, so the reconciliation knows what it owes), the YAML of its filter, which subscriber
 * group it delivers to, and its delivery options.
 *
 * @param filterYaml the {@code filter:}/{@code filters:} lines under {@code spec:}, indented by two spaces
 * @param subscriber the subscriber group: its receiver serves path {@code /name}
 * @param ordered {@code kafka.eventing.knative.dev/delivery.order: ordered}
 * @param rateLimit {@code switchboard.dev/rate-limit} in events per second, 0 = unlimited
 * @param deadLetterSink whether dead letters go to the sink receiver (else they are parked in the topic)
 * @param retries {@code spec.delivery.retry}
 */
public record ChaosTrigger(
        String name,
        Predicate<String> matchesType,
        String filterYaml,
        Subscriber subscriber,
        boolean ordered,
        int rateLimit,
        boolean deadLetterSink,
        int retries) {
    /** The subscriber groups, each its own receiver. */
    public enum Subscriber {
        /** Answers 200 at once. */
        PROMPT,
        /** Answers a share of requests 500 or 429 with {@code Retry-After}. */
        FLAKY,
        /** Answers 200, but goes away for the subscriber outages. */
        OUTAGE
    }

    /** The subscriber path of this trigger on its receiver. */
    public String route() {
        return "/" + name;
    }

    /** The trigger as one YAML document. */
    public String yaml(String subscriberBase, String sinkBase) {
        StringBuilder yaml = new StringBuilder()
                .append("---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: ")
                .append(name)
                .append("\n  namespace: default\n");
        List<String> annotations = new java.util.ArrayList<>();
        if (ordered) {
            annotations.add("kafka.eventing.knative.dev/delivery.order: ordered");
        }
        if (rateLimit > 0) {
            annotations.add("switchboard.dev/rate-limit: \"" + rateLimit + "\"");
        }
        if (!annotations.isEmpty()) {
            yaml.append("  annotations:\n");
            annotations.forEach(line -> yaml.append("    ").append(line).append('\n'));
        }
        yaml.append("spec:\n  broker: default\n")
                .append(filterYaml)
                .append("  subscriber: {uri: \"")
                .append(subscriberBase)
                .append(route())
                .append("\"}\n  delivery:\n    retry: ")
                .append(retries)
                .append("\n    backoffPolicy: exponential\n    backoffDelay: PT0.2S\n    timeout: PT5S\n")
                .append("    retryAfterMax: PT2S\n");
        if (deadLetterSink) {
            yaml.append("    deadLetterSink: {uri: \"")
                    .append(sinkBase)
                    .append(route())
                    .append("\"}\n");
        }
        return yaml.toString();
    }
}
