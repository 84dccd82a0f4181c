package dev.switchboard.loadtest.scenario;

import java.util.List;
import java.util.Map;

/**
 * How each Switchboard process of a scenario is started beyond its {@code run} options: its JVM options, and the
 * environment variables it gets (e.g. {@code SWITCHBOARD_KAFKA_PRODUCER_LINGER_MS=5}, docs/configuration.md); every
 * other {@code SWITCHBOARD_*} variable of the load tool's own environment is withheld.
 */
public record SwitchboardLaunch(List<String> jvmOptions, Map<String, String> environment) {
    public SwitchboardLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
    }

    public static SwitchboardLaunch jvm(String... options) {
        return new SwitchboardLaunch(List.of(options), Map.of());
    }
}
