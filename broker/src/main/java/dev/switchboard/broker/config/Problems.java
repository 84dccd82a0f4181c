package dev.switchboard.broker.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems and warnings of one load, so that every problem is reported at once. */
final class Problems {
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    void error(String key, String message, Origin origin) {
        errors.add(new ConfigProblem(key, message, origin));
    }

    void warn(String key, String message, Origin origin) {
        warnings.add(new ConfigProblem(key, message, origin));
    }

    List<String> warnings() {
        return warnings.stream().map(ConfigProblem::toString).toList();
    }

    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
