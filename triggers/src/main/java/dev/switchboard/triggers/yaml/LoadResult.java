package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.ResourceSet;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a file set: a {@link Valid} resource set (which may carry warnings) or, when any error
 * was found, {@link Invalid} with every diagnostic of every file.
 */
public sealed interface LoadResult {

    /** Every diagnostic, errors and warnings, file by file in load order, each file by line and column. */
    List<Diagnostic> diagnostics();

    default boolean isValid() {
        return this instanceof Valid;
    }

    default List<Diagnostic> errors() {
        return diagnostics().stream().filter(Diagnostic::isError).toList();
    }

    default List<Diagnostic> warnings() {
        return diagnostics().stream().filter(d -> !d.isError()).toList();
    }

    /** One line for the {@code validate} command, e.g. {@code invalid: 3 errors, 1 warning}. */
    String summary();

    /** The files validated: the set to serve. */
    record Valid(ResourceSet resources) implements LoadResult {
        public Valid {
            Objects.requireNonNull(resources, "resources");
        }

        @Override
        public List<Diagnostic> diagnostics() {
            return resources.diagnostics();
        }

        @Override
        public String summary() {
            return "valid: " + count(resources.brokers().size(), "broker") + ", "
                    + count(resources.triggers().size(), "trigger") + ", "
                    + count(warnings().size(), "warning");
        }
    }

    /** At least one error: nothing of this file set may be served. */
    record Invalid(List<Diagnostic> diagnostics) implements LoadResult {
        public Invalid {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
                throw new IllegalArgumentException("an invalid result needs at least one error");
            }
        }

        @Override
        public String summary() {
            return "invalid: " + count(errors().size(), "error") + ", "
                    + count(warnings().size(), "warning");
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
