package dev.switchboard.loadtest.scenario;

import java.nio.file.Path;

/** The smoke settings with the jar failsafe points at ({@code -Dswitchboard.jar}). */
final class SmokeSettings {
    private SmokeSettings() {}

    static ScenarioSettings in(Path output) {
        Path jar = Path.of(System.getProperty("switchboard.jar", "../broker/target/switchboard.jar"));
        return ScenarioSettings.smoke(jar.toAbsolutePath().normalize(), output);
    }
}
