package dev.switchboard.triggers.model;

import java.util.Objects;

/**
 * One finding about the resource files, pinned to a place: {@code file:line:column} (1-based; 0 when the
 * finding concerns a whole file, e.g. one that cannot be read) and the field path such as
 * {@code spec.delivery.backoffDelay} (empty for a whole document).
 */
public record Diagnostic(Severity severity, String file, int line, int column, String path, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String file, int line, int column, String path, String message) {
        return new Diagnostic(Severity.ERROR, file, line, column, path, message);
    }

    public static Diagnostic warning(String file, int line, int column, String path, String message) {
        return new Diagnostic(Severity.WARNING, file, line, column, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: path: message}, the form {@code validate} prints. */
    public String render() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ").append(severity.label()).append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
