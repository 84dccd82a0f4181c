package dev.switchboard.loadtest.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Knative-shaped Trigger YAML (docs/configuration.md) for a scenario: each trigger on broker {@code default} matches one
 * event type exactly and delivers to its subscriber URI ({@link TriggerLayout} says which). Written in one
 * pass, so 1,000 triggers cost what 1,000 short documents cost.
 */
public final class TriggerFiles {
    private TriggerFiles() {}

    /** One trigger: its name, the event type it matches exactly, and its subscriber. */
    public record TriggerSpec(String name, String type, String subscriberUri) {}

    /** The type that trigger {@code index} matches. */
    public static String type(int index) {
        return "loadtest.t" + index;
    }

    /** Writes {@code triggers.yaml} (one document per trigger) into a fresh {@code folder}. */
    public static Path write(Path folder, List<TriggerSpec> triggers) throws IOException {
        Files.createDirectories(folder);
        StringBuilder yaml = new StringBuilder();
        for (TriggerSpec trigger : triggers) {
            yaml.append("---\n")
                    .append("apiVersion: eventing.knative.dev/v1\n")
                    .append("kind: Trigger\n")
                    .append("metadata: {name: ")
                    .append(trigger.name())
                    .append(", namespace: default}\n")
                    .append("spec:\n")
                    .append("  broker: default\n")
                    .append("  filter: {attributes: {type: ")
                    .append(trigger.type())
                    .append("}}\n")
                    .append("  subscriber: {uri: \"")
                    .append(trigger.subscriberUri())
                    .append("\"}\n");
        }
        Files.writeString(folder.resolve("triggers.yaml"), yaml.toString(), StandardCharsets.UTF_8);
        return folder;
    }
}
