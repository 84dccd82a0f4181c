package dev.switchboard.broker.config;

/**
 * One thing wrong (or adjusted) in the configuration: the key it concerns (e.g. {@code ingress.port},
 * {@code refs[1].url}; empty for the file as a whole), what is wrong, and where the value came from.
 */
public record ConfigProblem(String key, String message, Origin origin) {

    /** E.g. {@code switchboard.yaml:3:9: ingress.port: expected an integer 0..65535, got 'abc'}. */
    @Override
    public String toString() {
        return origin.place(key.isEmpty() ? message : key + ": " + message);
    }
}
