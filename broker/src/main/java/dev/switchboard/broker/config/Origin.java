package dev.switchboard.broker.config;

import java.nio.file.Path;

/**
 * Where a configuration value came from: a position in the config file, an environment variable, a
 * command-line flag, or the built-in default. Problems are reported at their origin.
 */
public record Origin(Source source, String name, int line, int column) {

    /** The kind of place a value was read from. */
    public enum Source {
        FILE,
        ENVIRONMENT,
        FLAG,
        DEFAULT
    }

    /** A 1-based line and column in a config file. */
    public static Origin file(Path file, int line, int column) {
        return new Origin(Source.FILE, file.toString(), line, column);
    }

    /** The config file as a whole (unreadable, empty). */
    public static Origin file(Path file) {
        return new Origin(Source.FILE, file.toString(), 0, 0);
    }

    public static Origin environment(String variable) {
        return new Origin(Source.ENVIRONMENT, variable, 0, 0);
    }

    public static Origin flag(String keyPath) {
        return new Origin(Source.FLAG, keyPath, 0, 0);
    }

    public static Origin defaults() {
        return new Origin(Source.DEFAULT, "default", 0, 0);
    }

    /**
     * The message placed at this origin: {@code file:line:column: message} for the file (compiler style),
     * {@code message (from environment variable X)} or {@code message (from flag key)} otherwise.
     */
    public String place(String message) {
        return switch (source) {
            case FILE -> line > 0 ? name + ":" + line + ":" + column + ": " + message : name + ": " + message;
            case ENVIRONMENT -> message + " (from environment variable " + name + ")";
            case FLAG -> message + " (from flag " + name + ")";
            case DEFAULT -> message;
        };
    }
}
