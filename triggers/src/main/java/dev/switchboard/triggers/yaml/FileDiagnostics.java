package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the diagnostics of one file, converting SnakeYAML's 0-based marks to 1-based line and column. */
final class FileDiagnostics {

    private final String file;
    private final List<Diagnostic> found = new ArrayList<>();

    FileDiagnostics(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Node at, String path, String message) {
        add(Severity.ERROR, at.getStartMark(), path, message);
    }

    void warning(Node at, String path, String message) {
        add(Severity.WARNING, at.getStartMark(), path, message);
    }

    void error(Mark at, String path, String message) {
        add(Severity.ERROR, at, path, message);
    }

    /** A problem with the file as a whole (unreadable, missing): no line or column. */
    void fileError(String message) {
        found.add(Diagnostic.error(file, 0, 0, "", message));
    }

    int errorCount() {
        return (int) found.stream().filter(Diagnostic::isError).count();
    }

    /** This file's diagnostics in line and column order. */
    List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return List.copyOf(sorted);
    }

    private void add(Severity severity, Mark mark, String path, String message) {
        found.add(new Diagnostic(severity, file, mark.getLine() + 1, mark.getColumn() + 1, path, message));
    }
}
