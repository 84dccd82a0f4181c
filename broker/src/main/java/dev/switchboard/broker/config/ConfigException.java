package dev.switchboard.broker.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. The message lists every problem found, one per line, each naming
 * its key and, for values from the config file, {@code file:line:column}. {@code run} exits 2 on it
 * (docs/cli.md).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
