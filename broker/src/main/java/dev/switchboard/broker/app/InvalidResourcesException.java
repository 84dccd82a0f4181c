package dev.switchboard.broker.app;

import dev.switchboard.triggers.model.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** The resource YAML given at startup does not validate; {@code run} prints every error and exits 2. */
final class InvalidResourcesException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidResourcesException(List<Diagnostic> diagnostics, String summary) {
        super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining(System.lineSeparator()))
                + System.lineSeparator()
                + summary);
    }
}
